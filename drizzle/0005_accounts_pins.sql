-- Issue 7 part A: server-side operator PINs (lockout across tablets), tenant settings (idle sign-out),
-- browser devices (a manager browser's sync token bound to its sign-in session). Row-level security
-- as in 0004: tenant-scoped transactions (role printfloor_app) see their own tenant's rows only.
CREATE TABLE "browser_devices" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_pins" (
	"tenant_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"pin_hash" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"set_by" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "operator_pins_tenant_id_person_id_pk" PRIMARY KEY("tenant_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "tenant_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"operator_idle_minutes" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "browser_devices" ADD CONSTRAINT "browser_devices_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "browser_devices" ADD CONSTRAINT "browser_devices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "browser_devices" ADD CONSTRAINT "browser_devices_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_pins" ADD CONSTRAINT "operator_pins_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD CONSTRAINT "tenant_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "browser_devices_session_idx" ON "browser_devices" USING btree ("session_id");--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "operator_pins" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "operator_pins" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "operator_pins_tenant_isolation" ON "operator_pins" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenant_settings" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "tenant_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_settings_tenant_isolation" ON "tenant_settings" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "browser_devices" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "browser_devices" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "browser_devices_tenant_isolation" ON "browser_devices" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
