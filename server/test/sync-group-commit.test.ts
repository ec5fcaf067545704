import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDoc } from '@printfloor/shared';
import { SyncService } from '../src/sync/sync.service.ts';
import { create, spoolMovement, update, workOrder } from './helpers/docs.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

// Group commit (sync.service.ts): pushes of one tenant that arrive while another is being applied
// are applied together in one transaction, in arrival order, each with its own answer.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe(`grouped pushes on ${BACKEND}`, () => {
  it('applies concurrent pushes together, in order: each sees the ones before it and gets its own conflicts', async () => {
    const sync = new SyncService(h.db);
    const wo = workOrder('wo-group-1');
    expect(await sync.push(h.a.id, 'work_orders', [create(wo)])).toEqual([]);
    const before = sync.pushStats;

    // 12 tablets edit the same work order from the same master at once, and 12 others add records.
    const edits = Array.from({ length: 12 }, (_, i) =>
      sync.push(h.a.id, 'work_orders', [
        update(wo, {
          ...wo,
          priority: 1 + (i % 5),
          notes: `edit ${i}`,
          updatedAt: `2026-05-02T08:00:${String(i).padStart(2, '0')}.000Z`,
        }),
      ]),
    );
    const adds = Array.from({ length: 12 }, (_, i) =>
      sync.push(h.a.id, 'spool_movements', [create(spoolMovement(`sm-group-${i}`, { grams: i + 1 }))]),
    );
    const answers = await Promise.all(edits);
    expect(await Promise.all(adds)).toEqual(Array.from({ length: 12 }, () => []));

    // Exactly as one after another: the first edit wins, every later one conflicts with it.
    expect(answers[0]).toEqual([]);
    for (const a of answers.slice(1)) {
      expect(a).toHaveLength(1);
      expect((a[0] as WireDoc<'work_orders'>).notes).toBe('edit 0');
    }
    const after = sync.pushStats;
    expect(after.pushes - before.pushes).toBe(24);
    // They were grouped: far fewer transactions than pushes.
    expect(after.transactions - before.transactions).toBeLessThan(24);

    const pulled = await h.a.api.pullAll<WireDoc<'spool_movements'>>('spool_movements');
    expect(pulled.documents.filter((d) => d.id.startsWith('sm-group-'))).toHaveLength(12);
    const seqs = (await h.a.api.pullAll<WireDoc<'work_orders'>>('work_orders')).documents.find(
      (d) => d.id === wo.id,
    );
    expect(seqs?.notes).toBe('edit 0');
  });

  it('keeps tenants apart: a group is one tenant, and each tenant reads only its own rows', async () => {
    const sync = new SyncService(h.db);
    await Promise.all([
      sync.push(h.a.id, 'spool_movements', [create(spoolMovement('sm-a-only'))]),
      sync.push(h.b.id, 'spool_movements', [create(spoolMovement('sm-b-only'))]),
    ]);
    const a = (await h.a.api.pullAll<WireDoc<'spool_movements'>>('spool_movements')).documents.map(
      (d) => d.id,
    );
    const b = (await h.b.api.pullAll<WireDoc<'spool_movements'>>('spool_movements')).documents.map(
      (d) => d.id,
    );
    expect(a).toContain('sm-a-only');
    expect(a).not.toContain('sm-b-only');
    expect(b).toEqual(['sm-b-only']);
  });

  it('drops a push whose caller went away before its turn, and still applies the others', async () => {
    const sync = new SyncService(h.db);
    const gone = new AbortController();
    const first = sync.push(h.a.id, 'spool_movements', [create(spoolMovement('sm-turn-1'))]);
    const dropped = sync.push(
      h.a.id,
      'spool_movements',
      [create(spoolMovement('sm-gone'))],
      undefined,
      gone.signal,
    );
    const third = sync.push(h.a.id, 'spool_movements', [create(spoolMovement('sm-turn-3'))]);
    gone.abort();
    await expect(dropped).rejects.toMatchObject({ status: 503, code: 'client_gone' });
    expect(await first).toEqual([]);
    expect(await third).toEqual([]);
    const ids = (await h.a.api.pullAll<WireDoc<'spool_movements'>>('spool_movements')).documents.map(
      (d) => d.id,
    );
    expect(ids).toContain('sm-turn-1');
    expect(ids).toContain('sm-turn-3');
    expect(ids).not.toContain('sm-gone');
  });

  it('a push that fails its group is retried alone: only it fails, its neighbours are applied', async () => {
    const sync = new SyncService(h.db);
    const blocker = sync.push(h.a.id, 'spool_movements', [create(spoolMovement('sm-iso-0'))]);
    // A row the database refuses (a NUL byte in a text column) lands in the same group as two good pushes.
    const good1 = sync.push(h.a.id, 'spool_movements', [create(spoolMovement('sm-iso-1'))]);
    const bad = sync.push(h.a.id, 'spool_movements', [
      create(spoolMovement('sm-iso-bad', { note: 'bad \u0000 byte' })),
    ]);
    const good2 = sync.push(h.a.id, 'spool_movements', [create(spoolMovement('sm-iso-2'))]);
    expect(await blocker).toEqual([]);
    await expect(bad).rejects.toBeTruthy();
    expect(await good1).toEqual([]);
    expect(await good2).toEqual([]);
    const ids = (await h.a.api.pullAll<WireDoc<'spool_movements'>>('spool_movements')).documents.map(
      (d) => d.id,
    );
    expect(ids).toEqual(expect.arrayContaining(['sm-iso-0', 'sm-iso-1', 'sm-iso-2']));
    expect(ids).not.toContain('sm-iso-bad');
  });
});
