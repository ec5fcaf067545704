import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DIST, REPO_ROOT } from './paths.ts';
import { E2E_HTTPS, setUpE2eTls } from './e2e-tls.ts';

/** Newest modification time of anything under `dir` (node_modules and dist excluded). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

/** The browser tests run the BUILT client as the server serves it: build it when missing or stale. */
export default function setup(): void {
  if (E2E_HTTPS) console.log(`e2e: over HTTPS (CA ${setUpE2eTls().ca})`);
  const built = join(CLIENT_DIST, 'index.html');
  const sources = [
    'client/src',
    'client/index.html',
    'client/vite.config.ts',
    'client/package.json',
    'public',
    'shared/src',
  ];
  const newestSource = Math.max(...sources.map((s) => newest(join(REPO_ROOT, s))));
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  console.log('e2e: building the client (missing or older than its sources)…');
  // NODE_ENV=test (set by vitest) would make Vite build a development bundle (import.meta.env.DEV).
  execFileSync('pnpm', ['--filter', '@printfloor/client', 'build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
