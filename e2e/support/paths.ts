import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `e2e/support/`). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'e2e', 'artifacts');
export const CLIENT_DIST = join(REPO_ROOT, 'client', 'dist');
