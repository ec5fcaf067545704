import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

/** The server package's version (reported by /api/health). */
export const SERVER_VERSION: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'server', 'package.json'), 'utf8')) as { version: string }
).version;
