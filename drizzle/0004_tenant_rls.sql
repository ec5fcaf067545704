-- Tenant isolation in depth (issue 7): row-level security on every tenant table, as a second wall
-- behind the app's own `tenant_id = $1` filters. Tenant-scoped transactions (the sync API) drop to
-- the role printfloor_app (NOLOGIN, no BYPASSRLS, not an owner) with set_config('role', …, true)
-- and set app.tenant_id; a row of another tenant is then invisible and cannot be written.
-- The owning role (the connection's user) is exempt, as Postgres exempts table owners without
-- FORCE: sign-in lookups by token hash, the relay's cross-tenant loading and the CLI run as it.
DO $$ BEGIN
  CREATE ROLE printfloor_app NOLOGIN NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- roles are per cluster: several databases share it
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT printfloor_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- already a member (or a superuser, who needs no membership)
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO printfloor_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "work_orders" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "work_orders" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "work_orders_tenant_isolation" ON "work_orders" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "operations" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "operations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "operations_tenant_isolation" ON "operations" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "step_events" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "step_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "step_events_tenant_isolation" ON "step_events" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "spools" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "spools" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "spools_tenant_isolation" ON "spools" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "spool_movements" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "spool_movements" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "spool_movements_tenant_isolation" ON "spool_movements" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "printers" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "printers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "printers_tenant_isolation" ON "printers" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "parts" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "parts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "parts_tenant_isolation" ON "parts" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "scrap_reasons" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "scrap_reasons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "scrap_reasons_tenant_isolation" ON "scrap_reasons" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "downtime_reasons" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "downtime_reasons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "downtime_reasons_tenant_isolation" ON "downtime_reasons" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "work_centers" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "work_centers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "work_centers_tenant_isolation" ON "work_centers" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "people" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "people" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "people_tenant_isolation" ON "people" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sync_counters" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "sync_counters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "sync_counters_tenant_isolation" ON "sync_counters" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "printer_status" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "printer_status" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "printer_status_tenant_isolation" ON "printer_status" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "printer_events" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "printer_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "printer_events_tenant_isolation" ON "printer_events" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "printer_connections" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "printer_connections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "printer_connections_tenant_isolation" ON "printer_connections" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "devices" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "devices" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "devices_tenant_isolation" ON "devices" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "users" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "users_tenant_isolation" ON "users" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sessions" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "sessions_tenant_isolation" ON "sessions" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "one_time_codes" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "one_time_codes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "one_time_codes_tenant_isolation" ON "one_time_codes" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- tenants: a scoped transaction sees its own tenant row only.
--> statement-breakpoint
GRANT SELECT ON "tenants" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenants_tenant_isolation" ON "tenants" USING ("id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_log" TO printfloor_app;
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "audit_log_tenant_isolation" ON "audit_log" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);
