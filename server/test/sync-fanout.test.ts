import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { addDevice, createTenant } from '../src/admin/admin.service.ts';
import { LISTENER_APPLICATION_NAME } from '../src/db/change-bus.ts';
import { Api } from './helpers/api.ts';
import { create, scrapReason } from './helpers/docs.ts';
import { spawnServer } from './helpers/spawn-server.ts';
import type { SpawnedServer } from './helpers/spawn-server.ts';
import { SseReader } from './helpers/sse.ts';
import { createTestDatabase, onPostgres } from './helpers/test-db.ts';
import type { TestDatabase } from './helpers/test-db.ts';

let testDb: TestDatabase | undefined;
let token = '';
const servers: SpawnedServer[] = [];
let sql: postgres.Sql | undefined;

beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await createTestDatabase();
  const db = await testDb.open();
  await createTenant(db.orm, 'fanout');
  token = (await addDevice(db.orm, 'fanout', 'tablet')).token;
  await db.close(); // only the two server processes listen from here on
  servers.push(
    ...(await Promise.all([
      spawnServer({ db: { url: testDb.url } }),
      spawnServer({ db: { url: testDb.url } }),
    ])),
  );
  sql = postgres(testDb.url!, { max: 1 });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sql?.end({ timeout: 1 });
  await testDb?.destroy();
});

/** The LISTEN connections of the server processes (this test's own connection excluded). */
async function listenerPids(): Promise<number[]> {
  const rows = await sql!<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()
      and (application_name = ${LISTENER_APPLICATION_NAME} or query ilike 'listen%')`;
  return rows.map((r) => r.pid);
}

// Sync rule 7 across processes: only Postgres connects two server processes.
describe('live fan-out across server processes (sync rule 7)', () => {
  it.skipIf(!onPostgres)(
    'a change pushed through one process reaches an SSE client of the other; a lost LISTEN connection makes the streams send RESYNC [real Postgres only: PGlite is embedded in one process]',
    async () => {
      const [s1, s2] = servers as [SpawnedServer, SpawnedServer];
      const a1 = new Api(s1.url, token);
      const stream1 = await SseReader.open(s1.url, token);
      const stream2 = await SseReader.open(s2.url, token);
      try {
        expect(await stream2.next()).toBe('RESYNC');
        expect(await stream1.next()).toBe('RESYNC');

        await a1.push('scrap_reasons', [create(scrapReason('via-s1'))]);
        const { checkpoint } = await new Api(s2.url, token).pull('scrap_reasons');
        expect(await stream2.next((m) => m !== 'RESYNC')).toEqual({
          collection: 'scrap_reasons',
          checkpoint,
        });

        // Kill both processes' LISTEN connections: notifications sent meanwhile are lost, so each
        // server must re-LISTEN and tell its clients to RESYNC.
        const pids = await listenerPids();
        expect(pids).toHaveLength(2);
        await sql!`select pg_terminate_backend(pid) from unnest(${pids}::int[]) as pid`;
        expect(await stream2.next((m) => m === 'RESYNC')).toBe('RESYNC');
        expect(await stream1.next((m) => m === 'RESYNC')).toBe('RESYNC');
        expect((await listenerPids()).filter((p) => pids.includes(p))).toEqual([]);

        // And live fan-out works again on the new connections.
        await a1.push('scrap_reasons', [create(scrapReason('after-reconnect'))]);
        const after = await new Api(s2.url, token).pull('scrap_reasons', checkpoint.seq);
        expect(after.documents).toHaveLength(1);
        expect(await stream2.next((m) => m !== 'RESYNC')).toEqual({
          collection: 'scrap_reasons',
          checkpoint: after.checkpoint,
        });
      } finally {
        await stream1.close();
        await stream2.close();
      }
    },
  );
});
