import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @printfloor/server db:generate` writes SQL migrations and their journal to the
// repository's top-level drizzle/ folder; the server applies them at start (src/db/migrate.ts).
// Any `*.schema.ts` under src/ (e.g. the relay's) joins the same migration stream.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema/*.ts', './src/**/*.schema.ts'],
  out: '../drizzle',
  strict: true,
  verbose: false,
});
