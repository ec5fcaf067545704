import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { WireDoc } from '@printfloor/shared';
import { spoolMovements } from '../src/db/tables.ts';
import { create, spoolMovement } from './helpers/docs.ts';
import { Api } from './helpers/api.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { onPostgres } from './helpers/test-db.ts';
import type { Database } from '../src/db/database.ts';
import { startServer, type RunningServer } from '../src/server.ts';

const PUSHERS = 8;
const DOCS_PER_PUSHER = 2_000;
const BATCH = 100;

let h: Harness | undefined;
// A second server instance over the same database, with its own connection pool: one instance
// groups its own pushes of a tenant into one transaction (sync.service.ts), so only writers in
// different instances race for the counter lock — half the pushers go through each.
let db2: Database | undefined;
let server2: RunningServer | undefined;
beforeAll(async () => {
  if (!onPostgres) return;
  h = await startHarness();
  db2 = await h.testDb.open();
  server2 = await startServer({ db: db2 });
});
afterAll(async () => {
  await server2?.close();
  await db2?.close();
  await h?.close();
});

// Sync rule 2. On PGlite there is one connection, so writers cannot interleave and the test would
// prove nothing; it runs on real Postgres (set DATABASE_URL or TEST_DATABASE_URL).
describe('commit order equals seq order (sync rule 2)', () => {
  it.skipIf(!onPostgres)(
    `${PUSHERS} concurrent pushers on two server instances × ${DOCS_PER_PUSHER} docs while a puller loops from its checkpoint: none skipped, seq strictly increasing [real Postgres only: PGlite has one connection, writers cannot interleave]`,
    async () => {
      const { a } = h!;
      const viaSecond = new Api(server2!.url, a.token);
      let pushing = true;
      const pushers = Array.from({ length: PUSHERS }, async (_, p) => {
        const api = p % 2 === 0 ? a.api : viaSecond;
        for (let b = 0; b < DOCS_PER_PUSHER / BATCH; b++) {
          const rows = Array.from({ length: BATCH }, (_, i) =>
            create(spoolMovement(`p${p}-b${b}-${i}`, { spoolId: `spool-${p}`, grams: i + 1 })),
          );
          expect(await api.push('spool_movements', rows)).toEqual([]);
        }
      });
      const all = Promise.all(pushers).finally(() => (pushing = false));

      const seen = new Map<string, number>();
      const checkpoints: number[] = [];
      let seq = 0;
      let emptyAfterDone = false;
      // Loop until the pushers are done AND a full pass from the checkpoint finds nothing new.
      while (!emptyAfterDone) {
        const done = !pushing;
        const page = await a.api.pull<WireDoc<'spool_movements'>>('spool_movements', seq, 250);
        for (const d of page.documents) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
        if (page.documents.length > 0) {
          expect(page.checkpoint.seq).toBeGreaterThan(seq);
          checkpoints.push(page.checkpoint.seq);
        } else {
          expect(page.checkpoint.seq).toBe(seq);
          emptyAfterDone = done;
        }
        seq = page.checkpoint.seq;
      }
      await all;

      expect(seen.size).toBe(PUSHERS * DOCS_PER_PUSHER);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      // The puller really ran beside the pushers (many pages), and the checkpoints only went up.
      expect(checkpoints.length).toBeGreaterThan(10);
      // In the table, every row has its own seq and a batch got consecutive seqs.
      const rows = await h!.db.orm
        .select({ id: spoolMovements.id, seq: spoolMovements.seq })
        .from(spoolMovements)
        .where(eq(spoolMovements.tenantId, a.id))
        .orderBy(asc(spoolMovements.seq));
      expect(rows).toHaveLength(PUSHERS * DOCS_PER_PUSHER);
      expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
      const batchOf = (id: string) => id.slice(0, id.lastIndexOf('-'));
      const starts = rows.filter((r, i) => i === 0 || batchOf(rows[i - 1]!.id) !== batchOf(r.id));
      expect(starts).toHaveLength((PUSHERS * DOCS_PER_PUSHER) / BATCH);
    },
  );
});
