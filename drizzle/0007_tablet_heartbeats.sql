-- Tablet heartbeats kept on the device row (server/src/tablets/), so they survive a restart and every
-- server instance behind a load balancer sees the same ones. Row-level security: devices keeps the
-- tenant policy of 0004 (it covers whole rows) and printfloor_app's table-wide grants cover the new columns.
ALTER TABLE "devices" ADD COLUMN "last_heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "last_sync_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "pending_edits" integer;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "app_version" text;