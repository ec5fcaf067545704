import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDoc } from '@printfloor/shared';
import { addDevice } from '../src/admin/admin.service.ts';
import { ImportService, validateCsv } from '../src/manage/import.service.ts';
import type { ImportActor } from '../src/manage/import-types.ts';
import { ImportRejected } from '../src/manage/import-types.ts';
import { SyncService } from '../src/sync/sync.service.ts';
import { Api } from './helpers/api.ts';
import { create, spoolMovement } from './helpers/docs.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

/**
 * A big CSV import beside the floor's sync (issue: the import must not stall tablets, and must keep
 * sync rules 1–3 and 7). The import takes the tenant's counter lock only to write; these tests
 * check that what tablets see stays exact while it runs. No timing is asserted: the latency
 * figures are in server/bench/import.bench.ts.
 */

let h: Harness;
let imports: ImportService;
let actor: ImportActor;

beforeAll(async () => {
  h = await startHarness();
  imports = new ImportService(h.db);
  actor = { tenantId: h.a.id, by: 'import:test', deviceId: 'import' };
});
afterAll(async () => h?.close());

function spoolCsv(prefix: string, n: number): string {
  const lines = ['code,material,colorHex,netWeightG,tareWeightG,location'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},PLA,#1A2B3C,1000,${150 + (i % 60)},Rack ${i % 9}`);
  return lines.join('\r\n');
}

function spool(id: string, code: string): WireDoc<'spools'> {
  return {
    id,
    updatedAt: '2026-05-01T09:00:00.000Z',
    updatedBy: 'person-1',
    serverUpdatedAt: null,
    code,
    material: 'PETG',
    colorName: 'Blue',
    colorHex: '#0000FF',
    brand: 'Acme',
    diameterMm: 1.75,
    netWeightG: 750,
    tareWeightG: 200,
    lot: '',
    location: 'Bench',
    status: 'active',
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt: '2026-05-01',
    notes: '',
    _deleted: false,
  };
}

/** Pulls `collection` from `seq` until a pass finds nothing new after `done()` turned true. */
async function pullBeside(
  api: Api,
  collection: string,
  done: () => boolean,
): Promise<{ seen: Map<string, number>; pages: number }> {
  const seen = new Map<string, number>();
  let seq = 0;
  let pages = 0;
  for (;;) {
    const finished = done();
    const page = await api.pull<{ id: string }>(collection, seq, 200);
    for (const d of page.documents) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
    if (page.documents.length > 0) {
      expect(page.checkpoint.seq).toBeGreaterThan(seq);
      pages++;
    } else {
      expect(page.checkpoint.seq).toBe(seq);
      if (finished) return { seen, pages };
    }
    seq = page.checkpoint.seq;
  }
}

describe(`a big import beside the floor's sync on ${BACKEND}`, () => {
  it('a puller running during a 3,000-row import (and a pushing tablet) never skips a row and ends with exactly all of them', async () => {
    const N = 3_000;
    let settled = false;
    const importing = imports.commit('spools', { csv: spoolCsv('CC-', N) }, actor).finally(() => {
      settled = true;
    });
    // A tablet keeps writing into both collections the import writes: spools and ledger entries.
    const pushed: string[] = [];
    const pushedSpools: string[] = [];
    const pusher = (async () => {
      for (let b = 0; !settled || b < 3; b++) {
        const rows = [0, 1].map((i) => create(spoolMovement(`cc-push-${b}-${i}`, { spoolId: 'spool-x' })));
        expect(await h.a.api.push('spool_movements', rows)).toEqual([]);
        pushed.push(...rows.map((r) => r.newDocumentState.id));
        expect(await h.a.api.push('spools', [create(spool(`cc-tablet-${b}`, `CC-TABLET-${b}`))])).toEqual([]);
        pushedSpools.push(`cc-tablet-${b}`);
      }
    })();
    let pushing = true;
    void pusher.finally(() => (pushing = false));
    const [movements, spools, preview] = await Promise.all([
      pullBeside(h.a.api, 'spool_movements', () => settled && !pushing),
      pullBeside(h.a.api, 'spools', () => settled && !pushing),
      importing,
    ]);
    await pusher;
    expect(preview.writes).toEqual({ spools: N, spool_movements: N });

    // Exactly every row, each once: the import's spools and receive movements, and every push.
    const all = (await h.a.api.pullAll<WireDoc<'spools'>>('spools')).documents;
    const imported = all.filter((s) => /^CC-\d+$/.test(s.code));
    expect(imported).toHaveLength(N);
    expect(new Set(spools.seen.keys())).toEqual(new Set(all.map((s) => s.id)));
    expect([...spools.seen.values()].every((n) => n === 1)).toBe(true);
    const ledger = (await h.a.api.pullAll<WireDoc<'spool_movements'>>('spool_movements')).documents;
    const receipts = ledger.filter((m) => m.type === 'receive' && m.note === 'CSV import');
    expect(new Set(receipts.map((m) => m.spoolId))).toEqual(new Set(imported.map((s) => s.id)));
    expect(new Set(movements.seen.keys())).toEqual(new Set(ledger.map((m) => m.id)));
    expect([...movements.seen.values()].every((n) => n === 1)).toBe(true);
    for (const id of pushed) expect(movements.seen.get(id)).toBe(1);
    for (const id of pushedSpools) expect(spools.seen.get(id)).toBe(1);
    expect(pushedSpools.length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('a push from another device during the import succeeds, and both it and the import are kept', async () => {
    const { token } = await addDevice(h.db.orm, 'tenant-a', 'second tablet');
    const other = new Api(h.server.url, token);
    let settled = false;
    const importing = imports.commit('spools', { csv: spoolCsv('PD-', 2_000) }, actor).finally(() => {
      settled = true;
    });
    const mine: string[] = [];
    // Started while the import is pending, and again until it has committed.
    for (let i = 0; i === 0 || !settled; i++) {
      const doc = spool(`pd-tablet-${i}`, `PD-TABLET-${i}`);
      expect(await other.push('spools', [create(doc)])).toEqual([]);
      mine.push(doc.id);
    }
    expect((await importing).writes.spools).toBe(2_000);

    const all = (await h.a.api.pullAll<WireDoc<'spools'>>('spools')).documents;
    const ids = new Set(all.map((s) => s.id));
    for (const id of mine) expect(ids.has(id)).toBe(true);
    expect(all.filter((s) => /^PD-\d+$/.test(s.code))).toHaveLength(2_000);
  }, 120_000);

  it('a code the file uses, taken by a tablet after validation but before the write, rejects the file under the lock (nothing written)', async () => {
    const sync = new SyncService(h.db);
    const csv = spoolCsv('RV-', 300);
    let calls = 0;
    const attempt = imports.commitWith(actor, async (read) => {
      const v = await validateCsv(read, 'spools', { csv }, actor, new Date());
      // First (unlocked) validation passed; now a tablet creates spool RV-7 before the write.
      if (calls++ === 0) await sync.push(h.a.id, 'spools', [create(spool('rv-tablet', 'RV-7'))]);
      return v;
    });
    const err = await attempt.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    expect((err as ImportRejected).preview.errors).toEqual([
      { row: 9, column: 'code', message: 'spool RV-7 exists already' },
    ]);
    expect(calls).toBe(2);
    const all = (await h.a.api.pullAll<WireDoc<'spools'>>('spools')).documents;
    expect(all.filter((s) => s.code.startsWith('RV-')).map((s) => s.id)).toEqual(['rv-tablet']);
  });

  it('a change elsewhere in the tenant between validation and write does not make the import validate again', async () => {
    const sync = new SyncService(h.db);
    const csv = spoolCsv('UV-', 300);
    let calls = 0;
    const preview = await imports.commitWith(actor, async (read) => {
      const v = await validateCsv(read, 'spools', { csv }, actor, new Date());
      if (calls++ === 0) await sync.push(h.a.id, 'spools', [create(spool('uv-tablet', 'OTHER-1'))]);
      return v;
    });
    expect(calls).toBe(1);
    expect(preview.writes).toEqual({ spools: 300, spool_movements: 300 });
  });
});
