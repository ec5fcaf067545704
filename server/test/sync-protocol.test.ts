import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { WireDoc } from '@printfloor/shared';
import { scrapReasons, spoolMovements, syncCounters, workOrders } from '../src/db/tables.ts';
import { wireOf } from '../src/sync/wire.ts';
import { create, scrapReason, spoolMovement, update, workOrder } from './helpers/docs.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';
import { SseReader } from './helpers/sse.ts';

type Reason = WireDoc<'scrap_reasons'>;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function counterOf(tenantId: string): Promise<number> {
  const rows = await h.db.orm
    .select({ seq: syncCounters.seq })
    .from(syncCounters)
    .where(eq(syncCounters.tenantId, tenantId));
  return rows[0]!.seq;
}

describe(`sync protocol on ${BACKEND}`, () => {
  it('pages by limit, in seq order, and returns the incoming checkpoint on an empty page', async () => {
    const docs = Array.from({ length: 25 }, (_, i) => scrapReason(`page-${String(i).padStart(2, '0')}`));
    expect(await h.a.api.push('scrap_reasons', docs.map(create))).toEqual([]);

    const seen: Reason[] = [];
    let checkpoint = { seq: 0 };
    const pageSizes: number[] = [];
    for (;;) {
      const page = await h.a.api.pull<Reason>('scrap_reasons', checkpoint.seq, 10);
      pageSizes.push(page.documents.length);
      if (page.documents.length === 0) {
        expect(page.checkpoint).toEqual(checkpoint); // rule 6: empty page → the incoming checkpoint
        break;
      }
      expect(page.checkpoint.seq).toBeGreaterThan(checkpoint.seq);
      checkpoint = page.checkpoint;
      seen.push(...page.documents);
    }
    expect(pageSizes).toEqual([10, 10, 5, 0]);
    expect(seen.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    // On the wire: the zod fields plus _deleted, never seq or tenant.
    expect(Object.keys(seen[0]!).sort()).toEqual(Object.keys(docs[0]!).sort());
    expect(seen[0]!.serverUpdatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // A checkpoint past the end is returned unchanged as well.
    const far = await h.a.api.pull('scrap_reasons', checkpoint.seq + 1000, 10);
    expect(far).toEqual({ documents: [], checkpoint: { seq: checkpoint.seq + 1000 } });
  });

  it('counts live documents per collection for a first sync, tenant by tenant', async () => {
    const before = (await h.a.api.request('GET', '/api/sync/counts')).body as {
      counts: Record<string, number>;
    };
    const reasons = [scrapReason('count-1'), scrapReason('count-2'), scrapReason('count-3')];
    await h.a.api.push('scrap_reasons', reasons.map(create));
    const master = (await h.a.api.pullAll<Reason>('scrap_reasons')).documents.find(
      (d) => d.id === 'count-3',
    )!;
    await h.a.api.push('scrap_reasons', [update(master, { ...master, _deleted: true })]);
    const after = (await h.a.api.request('GET', '/api/sync/counts')).body as {
      counts: Record<string, number>;
    };
    expect(after.counts.scrap_reasons).toBe(before.counts.scrap_reasons! + 2); // the tombstone is not counted
    expect(Object.keys(after.counts).sort()).toEqual(Object.keys(before.counts).sort());
    const other = (await h.b.api.request('GET', '/api/sync/counts')).body as {
      counts: Record<string, number>;
    };
    expect(other.counts.scrap_reasons).toBe(0); // tenant B sees none of A's
  });

  it('pulls tombstones: a deleted document comes back with _deleted true and is never removed', async () => {
    const doc = scrapReason('tomb-1');
    await h.a.api.push('scrap_reasons', [create(doc)]);
    const before = await h.a.api.pullAll<Reason>('scrap_reasons');
    const master = before.documents.find((d) => d.id === 'tomb-1')!;
    const deleted = { ...master, _deleted: true, updatedAt: '2026-05-02T08:00:00.000Z' };
    expect(await h.a.api.push('scrap_reasons', [update(master, deleted)])).toEqual([]);

    const after = await h.a.api.pull<Reason>('scrap_reasons', before.checkpoint.seq);
    expect(after.documents).toHaveLength(1);
    expect(after.documents[0]).toMatchObject({ id: 'tomb-1', _deleted: true });
    const rows = await h.db.orm.select().from(scrapReasons).where(eq(scrapReasons.id, 'tomb-1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deleted).toBe(true);
  });

  it('returns conflicts as the array of current master states, and writes nothing for them', async () => {
    const wo = workOrder('conf-1');
    await h.a.api.push('work_orders', [create(wo), create(workOrder('conf-2'))]);
    const { documents } = await h.a.api.pullAll<WireDoc<'work_orders'>>('work_orders');
    const master1 = documents.find((d) => d.id === 'conf-1')!;
    const master2 = documents.find((d) => d.id === 'conf-2')!;

    // Tablet X edits conf-1 first; tablet Y, still assuming the old state, edits it too.
    const x = { ...master1, qtyCompleted: 5, updatedAt: '2026-05-01T09:00:00.000Z' };
    expect(await h.a.api.push('work_orders', [update(master1, x)])).toEqual([]);
    const seqBefore = await counterOf(h.a.id);
    const y = { ...master1, priority: 1, updatedAt: '2026-05-01T09:01:00.000Z' };
    const y2 = { ...master2, notes: 'rush', updatedAt: '2026-05-01T09:01:00.000Z' };
    const conflicts = await h.a.api.push<WireDoc<'work_orders'>>('work_orders', [
      update(master1, y),
      update(master2, y2),
    ]);

    expect(Array.isArray(conflicts)).toBe(true);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: 'conf-1', qtyCompleted: 5, priority: 3, _deleted: false });
    expect(conflicts[0]!.serverUpdatedAt).not.toBeNull();
    // The non-conflicting row of the same batch was written (one new seq), the conflicting one was not.
    expect(await counterOf(h.a.id)).toBe(seqBefore + 1);
    const rows = await h.db.orm.select().from(workOrders).where(eq(workOrders.id, 'conf-1'));
    expect(rows[0]).toMatchObject({ qtyCompleted: 5, priority: 3 });

    // A creation whose id already exists is a conflict too (the client assumed no master).
    const dup = await h.a.api.push('work_orders', [create({ ...wo, title: 'other' })]);
    expect(dup).toMatchObject([{ id: 'conf-1', qtyCompleted: 5 }]);
  });

  it('does not report a conflict when only server-owned fields differ', async () => {
    const wo = workOrder('srv-owned');
    await h.a.api.push('work_orders', [create(wo)]);
    const master = (await h.a.api.pullAll<WireDoc<'work_orders'>>('work_orders')).documents.find(
      (d) => d.id === 'srv-owned',
    )!;
    expect(master.serverUpdatedAt).not.toBeNull();
    // The tablet still holds serverUpdatedAt null (or a stale stamp) in its assumed state.
    const assumed = { ...master, serverUpdatedAt: '1999-01-01T00:00:00.000Z' };
    const next = { ...master, serverUpdatedAt: null, status: 'in_progress' as const };
    expect(await h.a.api.push('work_orders', [update<WireDoc<'work_orders'>>(assumed, next)])).toEqual([]);
    const rows = (await h.db.orm.select().from(workOrders).where(eq(workOrders.id, 'srv-owned'))) as Record<
      string,
      unknown
    >[];
    expect(rows[0]!.status).toBe('in_progress');
  });

  it('a replayed push (response lost) changes nothing and reports no conflict', async () => {
    const wo = workOrder('replay-1');
    const batch = [create(wo), create(workOrder('replay-2'))];
    expect(await h.a.api.push('work_orders', batch)).toEqual([]);
    const seq1 = await counterOf(h.a.id);
    const rows1 = (await h.db.orm.select().from(workOrders).where(eq(workOrders.tenantId, h.a.id))) as Record<
      string,
      unknown
    >[];

    expect(await h.a.api.push('work_orders', batch)).toEqual([]);
    // An update replayed after it was applied: the master now equals the new state.
    const master = rows1.find((r) => r.id === 'replay-1')!;
    const edited = { ...wo, qtyCompleted: 3 };
    expect(await h.a.api.push('work_orders', [update(wo, edited)])).toEqual([]);
    const seq2 = await counterOf(h.a.id);
    expect(seq2).toBe(seq1 + 1);
    expect(await h.a.api.push('work_orders', [update(wo, edited)])).toEqual([]);
    expect(await counterOf(h.a.id)).toBe(seq2);

    const rows2 = await h.db.orm.select().from(workOrders).where(eq(workOrders.id, 'replay-2'));
    expect(rows2[0]).toEqual(rows1.find((r) => r.id === 'replay-2')); // same seq, same server stamp
    expect(master.qtyCompleted).toBe(0);
  });

  it('a batch mixing new, replayed and clashing creations writes the new ones and reports only the clash', async () => {
    const old = spoolMovement('mix-old');
    const clash = spoolMovement('mix-clash');
    await h.a.api.push('spool_movements', [create(old), create(clash)]);
    const seq = await counterOf(h.a.id);
    const fresh = [spoolMovement('mix-new-1'), spoolMovement('mix-new-2')];
    const answer = await h.a.api.push<WireDoc<'spool_movements'>>('spool_movements', [
      create(fresh[0]),
      create(old),
      create({ ...clash, grams: 77 }),
      create(fresh[1]),
    ]);
    expect(answer).toMatchObject([{ id: 'mix-clash', grams: 12.5 }]);
    const page = await h.a.api.pull<WireDoc<'spool_movements'>>('spool_movements', seq);
    expect(page.documents.map((d) => d.id)).toEqual(['mix-new-1', 'mix-new-2']);
    expect(page.checkpoint.seq).toBe(await counterOf(h.a.id));
  });

  it('append-only: insert once, replay is a no-op, a different body or an update is a conflict', async () => {
    const m = spoolMovement('mv-1');
    expect(await h.a.api.push('spool_movements', [create(m)])).toEqual([]);
    const seq = await counterOf(h.a.id);
    expect(await h.a.api.push('spool_movements', [create(m)])).toEqual([]);
    expect(await counterOf(h.a.id)).toBe(seq);

    const different = { ...m, grams: 99 };
    const c1 = await h.a.api.push<WireDoc<'spool_movements'>>('spool_movements', [create(different)]);
    expect(c1).toHaveLength(1);
    expect(c1[0]).toMatchObject({ id: 'mv-1', grams: 12.5 });
    // Even with the correct assumed master, a record is never edited (or deleted).
    const master = c1[0]!;
    expect(await h.a.api.push('spool_movements', [update(master, { ...master, grams: 1 })])).toMatchObject([
      { grams: 12.5 },
    ]);
    expect(
      await h.a.api.push('spool_movements', [update(master, { ...master, _deleted: true })]),
    ).toMatchObject([{ _deleted: false }]);
    expect(await counterOf(h.a.id)).toBe(seq);
    const [{ n }] = (await h.db.orm
      .select({ n: count() })
      .from(spoolMovements)
      .where(eq(spoolMovements.id, 'mv-1'))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('streams RESYNC on connect, then {collection, checkpoint} per committed change, only to the same tenant', async () => {
    const sa = await SseReader.open(h.server.url, h.a.token);
    const sb = await SseReader.open(h.server.url, h.b.token, 'query'); // EventSource style: ?token=
    try {
      expect(sa.status).toBe(200);
      expect(sb.status).toBe(200);
      expect(await sa.next()).toBe('RESYNC');
      expect(await sb.next()).toBe('RESYNC');
      await h.a.api.push('scrap_reasons', [create(scrapReason('live-1'))]);
      const seq = await counterOf(h.a.id);
      expect(await sa.next()).toEqual({ collection: 'scrap_reasons', checkpoint: { seq } });
      // Tenant B hears of its own change, and never of A's.
      await h.b.api.push('work_orders', [create(workOrder('b-live'))]);
      expect(await sb.next()).toEqual({
        collection: 'work_orders',
        checkpoint: { seq: await counterOf(h.b.id) },
      });
      expect(sb.messages.some((m) => m !== 'RESYNC' && m.collection === 'scrap_reasons')).toBe(false);
    } finally {
      await sa.close();
      await sb.close();
    }
  });

  it('documents round-trip exactly: tricky text, floats, nulls — and the round-tripped copy replays as a no-op', async () => {
    const tricky = [
      spoolMovement('rt-1', {
        note: 'quote " backslash \\ slash / newline \n tab \t ctrl \u0001\u001f',
        grams: 0.1 + 0.2,
      }),
      spoolMovement('rt-2', {
        note: 'é 漢字 🙂 </script> \u2028',
        grams: -0.000001,
        grossWeightG: 1e-7,
        slot: '',
      }),
      spoolMovement('rt-3', { grams: 999999.999999, grossWeightG: 0, note: '' }),
      spoolMovement('rt-4', { grams: -0, grossWeightG: 12345.6789, type: 'weigh_in' }),
    ];
    expect(await h.a.api.push('spool_movements', tricky.map(create))).toEqual([]);
    const pulled = (await h.a.api.pullAll<WireDoc<'spool_movements'>>('spool_movements')).documents.filter(
      (d) => d.id.startsWith('rt-'),
    );
    // What was sent is what JSON carried (-0 travels as 0), so compare against that.
    const sent = JSON.parse(JSON.stringify(tricky)) as typeof tricky;
    expect(pulled.map(({ serverUpdatedAt: _s, ...d }) => d)).toEqual(
      sent.map(({ serverUpdatedAt: _s, ...d }) => d),
    );
    const seq = await counterOf(h.a.id);
    expect(await h.a.api.push('spool_movements', pulled.map(create))).toEqual([]);
    expect(await counterOf(h.a.id)).toBe(seq);
  });

  it('the stored wire form agrees with the typed columns, and rows without it are served from the typed columns', async () => {
    const wire = wireOf('work_orders');
    const rows = (await h.db.orm
      .select({ ...wire.selection, stored: workOrders.doc })
      .from(workOrders)
      .where(eq(workOrders.tenantId, h.a.id))) as ({ stored: string | null; seq: number } & Record<
      string,
      unknown
    >)[];
    expect(rows.length).toBeGreaterThan(3);
    for (const { stored, seq: _seq, ...typed } of rows) expect(JSON.parse(stored!)).toEqual(typed);

    // A row written without `doc` (before the column existed, or by another writer) pulls the same.
    const before = await h.a.api.pullAll('work_orders');
    await h.db.orm.update(workOrders).set({ doc: null }).where(eq(workOrders.tenantId, h.a.id));
    expect(await h.a.api.pullAll('work_orders')).toEqual(before);
    const master = before.documents[0] as WireDoc<'work_orders'>;
    expect(await h.a.api.push('work_orders', [create({ ...master, title: 'clash' })])).toEqual([master]);
  });

  it('answers /api/me and /api/health', async () => {
    const me = await h.a.api.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      tenant: { slug: 'tenant-a', name: 'TENANT-A' },
      device: { id: h.a.deviceId, name: 'tenant-a tablet' },
      // The shop's tablet settings (issue 7): the idle sign-out time, 30 min until a manager sets it.
      settings: { operatorIdleMinutes: 30 },
    });
    const health = await h.a.api.request('GET', '/api/health');
    expect(health.body).toMatchObject({ ok: true, db: BACKEND });
    expect((health.body as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
