CREATE TABLE "downtime_reasons" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean NOT NULL,
	"planned" boolean NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "downtime_reasons_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"work_order_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"work_center_id" text NOT NULL,
	"planned_setup_minutes" double precision NOT NULL,
	"planned_run_minutes" double precision NOT NULL,
	"printer_id" text NOT NULL,
	"notes" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "operations_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"code" text NOT NULL,
	"drawing_number" text NOT NULL,
	"revision" text NOT NULL,
	"description" text NOT NULL,
	"material" text NOT NULL,
	"color_hex" text,
	"grams_per_part" double precision NOT NULL,
	"print_minutes" double precision NOT NULL,
	"notes" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "parts_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"display_name" text NOT NULL,
	"badge_code" text NOT NULL,
	"role" text NOT NULL,
	"active" boolean NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "people_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "printers" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"brand" text NOT NULL,
	"protocol" text NOT NULL,
	"model" text NOT NULL,
	"serial" text NOT NULL,
	"location" text NOT NULL,
	"work_center_id" text NOT NULL,
	"slots" integer NOT NULL,
	"active" boolean NOT NULL,
	"notes" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "printers_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "scrap_reasons" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "scrap_reasons_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "spool_movements" (
	"id" text NOT NULL,
	"at" text NOT NULL,
	"operator_id" text NOT NULL,
	"device_id" text NOT NULL,
	"server_updated_at" text,
	"spool_id" text NOT NULL,
	"type" text NOT NULL,
	"grams" double precision NOT NULL,
	"gross_weight_g" double precision,
	"estimated" boolean NOT NULL,
	"work_order_id" text NOT NULL,
	"operation_id" text NOT NULL,
	"printer_id" text NOT NULL,
	"slot" text NOT NULL,
	"note" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "spool_movements_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "spools" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"code" text NOT NULL,
	"material" text NOT NULL,
	"color_name" text NOT NULL,
	"color_hex" text NOT NULL,
	"brand" text NOT NULL,
	"diameter_mm" double precision NOT NULL,
	"net_weight_g" double precision NOT NULL,
	"tare_weight_g" double precision NOT NULL,
	"lot" text NOT NULL,
	"location" text NOT NULL,
	"status" text NOT NULL,
	"loaded_printer_id" text NOT NULL,
	"loaded_slot" text NOT NULL,
	"spoolman_id" text,
	"ean" text,
	"received_at" text NOT NULL,
	"notes" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "spools_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "step_events" (
	"id" text NOT NULL,
	"at" text NOT NULL,
	"operator_id" text NOT NULL,
	"device_id" text NOT NULL,
	"server_updated_at" text,
	"work_order_id" text NOT NULL,
	"operation_id" text NOT NULL,
	"type" text NOT NULL,
	"printer_id" text NOT NULL,
	"qty_good" integer NOT NULL,
	"qty_scrap" integer NOT NULL,
	"reason_code" text NOT NULL,
	"note" text NOT NULL,
	"qc_result" text,
	"downtime_from" text,
	"downtime_to" text,
	"override" boolean NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "step_events_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_centers" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean NOT NULL,
	"kind" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "work_centers_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL,
	"server_updated_at" text,
	"code" text NOT NULL,
	"part_id" text NOT NULL,
	"title" text NOT NULL,
	"qty_ordered" integer NOT NULL,
	"qty_completed" integer NOT NULL,
	"qty_scrapped" integer NOT NULL,
	"status" text NOT NULL,
	"on_hold" boolean NOT NULL,
	"priority" integer NOT NULL,
	"due_date" text NOT NULL,
	"customer_name" text NOT NULL,
	"po_number" text NOT NULL,
	"line_ref" text NOT NULL,
	"material_hint" text NOT NULL,
	"notes" text NOT NULL,
	"created_at" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "work_orders_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sync_counters" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_counters" ADD CONSTRAINT "sync_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "downtime_reasons_tenant_seq_idx" ON "downtime_reasons" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_tenant_seq_idx" ON "operations" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_tenant_seq_idx" ON "parts" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "people_tenant_seq_idx" ON "people" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "printers_tenant_seq_idx" ON "printers" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "scrap_reasons_tenant_seq_idx" ON "scrap_reasons" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "spool_movements_tenant_seq_idx" ON "spool_movements" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "spools_tenant_seq_idx" ON "spools" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "step_events_tenant_seq_idx" ON "step_events" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "work_centers_tenant_seq_idx" ON "work_centers" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_tenant_seq_idx" ON "work_orders" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "devices_tenant_idx" ON "devices" USING btree ("tenant_id");