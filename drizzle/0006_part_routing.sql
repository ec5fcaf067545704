ALTER TABLE "parts" ADD COLUMN "routing" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- The cached wire form of existing rows lacks "routing": drop it, reads rebuild it from the typed
-- columns (routing [] included) until the next write caches it again (replicated.ts, doc).
UPDATE "parts" SET "doc" = NULL WHERE "doc" IS NOT NULL;
