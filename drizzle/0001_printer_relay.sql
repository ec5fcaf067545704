CREATE TABLE "printer_connections" (
	"tenant_id" uuid NOT NULL,
	"printer_id" text NOT NULL,
	"host" text,
	"port" integer,
	"access_code" text,
	"ca_pem" text,
	"base_topic" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "printer_connections_pkey" PRIMARY KEY("tenant_id","printer_id")
);
--> statement-breakpoint
CREATE TABLE "printer_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"printer_code" text NOT NULL,
	"printer_id" text,
	"kind" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"job_name" text,
	"operation_id" text,
	"at" timestamp with time zone NOT NULL,
	"status" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "printer_status" (
	"tenant_id" uuid NOT NULL,
	"printer_code" text NOT NULL,
	"state" text NOT NULL,
	"status" jsonb NOT NULL,
	"last_seen" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "printer_status_pkey" PRIMARY KEY("tenant_id","printer_code")
);
--> statement-breakpoint
CREATE INDEX "printer_events_printer_at_idx" ON "printer_events" USING btree ("tenant_id","printer_code","at");