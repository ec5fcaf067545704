import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, countDistinct, eq } from 'drizzle-orm';
import { addDevice, createTenant } from '../src/admin/admin.service.ts';
import { spoolMovements, syncCounters } from '../src/db/tables.ts';
import { create, spoolMovement } from './helpers/docs.ts';
import { freePort, spawnServer } from './helpers/spawn-server.ts';
import type { SpawnedServer } from './helpers/spawn-server.ts';
import { BACKEND, createTestDatabase } from './helpers/test-db.ts';
import type { TestDatabase } from './helpers/test-db.ts';

const TOTAL = 5_000;
const BATCH = 100;

let testDb: TestDatabase;
let tenantId = '';
let token = '';
let server: SpawnedServer | undefined;

beforeAll(async () => {
  // PGlite on disk: the point is that its directory survives the SIGKILL.
  testDb = await createTestDatabase({ persistent: true });
  const db = await testDb.open();
  tenantId = (await createTenant(db.orm, 'crash')).id;
  token = (await addDevice(db.orm, 'crash', 'tablet')).token;
  await db.close(); // PGlite is single-process: the server gets the directory to itself
});
afterAll(async () => {
  await server?.stop();
  await testDb.destroy();
});

/** A tablet's push loop: every batch is retried until the server answers 200 (connection refused, reset…). */
async function pushWithRetries(url: () => string, batches: unknown[][], onAck: (i: number) => void) {
  const answers: unknown[][] = [];
  let failedAttempts = 0;
  for (const [i, rows] of batches.entries()) {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${url()}/api/sync/spool_movements/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(rows),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 200) {
          answers.push((await res.json()) as unknown[]);
          break;
        }
        throw new Error(`status ${res.status}`);
      } catch (err) {
        if (attempt > 600) throw err;
        failedAttempts++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    onAck(i);
  }
  return { answers, failedAttempts };
}

describe(`crash safety on ${BACKEND}`, () => {
  it(`SIGKILL mid-push, restart, the client's retries leave exactly ${TOTAL} documents`, async () => {
    const port = await freePort();
    const db = { url: testDb.url, dataDir: testDb.dataDir };
    server = await spawnServer({ db, port });
    const url = server.url;
    const batches = Array.from({ length: TOTAL / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => create(spoolMovement(`crash-${b}-${i}`, { grams: i }))),
    );

    let killed: Promise<void> | undefined;
    const { answers, failedAttempts } = await pushWithRetries(
      () => url,
      batches,
      (i) => {
        // After 15 acknowledged batches the next one is in flight: kill the server under it.
        if (i === 14 && !killed) {
          killed = (async () => {
            await new Promise((r) => setTimeout(r, 5));
            await server!.kill();
            server = await spawnServer({ db, port });
          })();
        }
      },
    );
    expect(killed).toBeDefined();
    await killed;
    expect(failedAttempts).toBeGreaterThan(0); // the client did see the server die
    await server.stop(); // PGlite: hand the directory back to the test
    server = undefined;

    // Every batch answered "no conflict" — including the replays of batches that had committed
    // before the kill but whose answer was lost.
    expect(answers).toHaveLength(TOTAL / BATCH);
    expect(answers.every((a) => Array.isArray(a) && a.length === 0)).toBe(true);

    const check = await testDb.open();
    const where = and(eq(spoolMovements.tenantId, tenantId));
    const [stats] = await check.orm
      .select({
        rows: count(),
        ids: countDistinct(spoolMovements.id),
        seqs: countDistinct(spoolMovements.seq),
      })
      .from(spoolMovements)
      .where(where);
    expect(stats).toEqual({ rows: TOTAL, ids: TOTAL, seqs: TOTAL });
    // Nothing was written twice: the counter advanced exactly once per document.
    const [counter] = await check.orm
      .select({ seq: syncCounters.seq })
      .from(syncCounters)
      .where(eq(syncCounters.tenantId, tenantId));
    expect(counter!.seq).toBe(TOTAL);
  });
});
