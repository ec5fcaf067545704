#!/usr/bin/env node
// `pnpm start [-- --demo]`: builds the client when its sources are newer than client/dist, then runs
// the server (sync API + built client on one port). Everything the server needs is checked by its env.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => a !== '--');

/** Newest modification time below `path` (files only), 0 when missing. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

const built = join(root, 'client/dist/index.html');
const sources = ['client/src', 'client/index.html', 'client/vite.config.ts', 'shared/src', 'public'].map((p) =>
  newest(join(root, p)),
);
if (!existsSync(built) || Math.max(...sources) > statSync(built).mtimeMs) {
  console.log('Building the client (client/dist is missing or older than its sources)…');
  const r = spawnSync('pnpm', ['--filter', '@printfloor/client', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const tsx = join(root, 'server/node_modules/.bin/tsx');
const child = spawn(tsx, [join(root, 'server/src/main.ts'), ...args], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
