import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `server/src/`), so defaults do not depend on the cwd. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** SQL migrations written by drizzle-kit (`pnpm --filter @printfloor/server db:generate`). */
export const MIGRATIONS_DIR = join(REPO_ROOT, 'drizzle');
