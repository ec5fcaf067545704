ALTER TABLE "downtime_reasons" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "operations" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "parts" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "printers" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "scrap_reasons" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "spool_movements" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "spools" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "step_events" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "work_centers" ADD COLUMN "doc" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "doc" text;