import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// server/patches/postgres@3.4.9.patch (issue 8's soak): postgres.js 3.4.9 wrote to a socket that
// closed() had already nulled when a Postgres backend died (a cluster restart), and the uncaught
// TypeError killed the server. A guard that only DROPS that write is not enough: the query whose
// bytes were dropped then waits forever (the soak's long run hung on a request that never came
// back; cf. porsager/postgres#1208). The patch settles such queries with CONNECTION_CLOSED.
// Real Postgres only: it terminates its own backend (pg_terminate_backend), nobody else's. It runs
// in a plain Node child like the server, so an uncaught exception shows up as the crash it is.
const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const run = promisify(execFile);

const SCRIPT = `
import postgres from 'postgres';
const url = process.env.PG_URL;
const sql = postgres(url, { max: 3, onnotice: () => undefined });
const killer = postgres(url, { max: 1, onnotice: () => undefined });
const outcome = (q) => Promise.race([
  Promise.resolve(q).then(() => 'answered', (e) => 'rejected ' + (e.code ?? e.message)),
  new Promise((r) => setTimeout(() => r('still pending after 10 s'), 10_000)),
]);
// A transaction (what the server's sync push runs in) whose backend dies in the middle.
const tx = await outcome(sql.begin(async (t) => {
  const [row] = await t\`select pg_backend_pid() as pid\`;
  await killer\`select pg_terminate_backend(\${row.pid})\`;
  await t\`select 1\`;
}));
const round = () => Promise.all(Array.from({ length: 6 }, () => outcome(sql\`select pg_sleep(0.02)\`)));
await round(); // the dead connection may fail one query as it is found out
const after = await round();
// A reserved connection whose backend dies: every later query on it must settle, not hang.
const reserved = await sql.reserve();
const [row] = await reserved\`select pg_backend_pid() as pid\`;
await killer\`select pg_terminate_backend(\${row.pid})\`;
const first = await outcome(reserved\`select 1\`);
const second = await outcome(reserved\`select 1\`);
console.log(JSON.stringify({ tx, after, first, second }));
process.exit(0);
`;

describe.skipIf(!url)('postgres.js on a connection whose backend died', () => {
  it('settles the queries with an error (no crash, none left hanging) and the pool recovers', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: new URL('..', import.meta.url).pathname, // server/: resolves its (patched) postgres
      env: { ...process.env, PG_URL: url },
      timeout: 60_000,
    });
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      tx: string;
      after: string[];
      first: string;
      second: string;
    };
    expect(r.tx).toMatch(/^rejected/);
    expect(r.after).toEqual(Array(6).fill('answered'));
    expect(r.first).toMatch(/^rejected/);
    expect(r.second).toBe('rejected CONNECTION_CLOSED');
  }, 90_000);
});
