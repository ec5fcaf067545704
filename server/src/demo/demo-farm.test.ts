import { describe, expect, it } from 'vitest';
import { COLLECTIONS, foldSpoolLedger, foldWorkOrder, groupEventsByOperation } from '@printfloor/shared';
import type { CollectionDef } from '@printfloor/shared';
import { generateDemoFarm } from './demo-farm.ts';
import type { DemoFarm } from './demo-farm.ts';

const now = new Date('2026-05-04T09:30:00.000Z');
const farm = generateDemoFarm({ now });

describe('the demo farm', () => {
  it('is deterministic: same seed and time, same farm (ids included); another seed, another farm', () => {
    expect(generateDemoFarm({ now })).toEqual(farm);
    expect(generateDemoFarm({ now, seed: 7 }).spools[0]!.id).not.toBe(farm.spools[0]!.id);
  });

  it('has the promised size and codes', () => {
    expect(farm.printers).toHaveLength(12);
    expect(farm.printers.map((p) => p.code)).toEqual(
      Array.from({ length: 12 }, (_, i) => `PR-${String(i + 1).padStart(3, '0')}`),
    );
    expect(new Set(farm.printers.map((p) => p.protocol))).toEqual(
      new Set(['bambu', 'octoprint', 'moonraker']),
    );
    expect(farm.spools).toHaveLength(40);
    expect(farm.spools[39]!.code).toBe('SP-0040');
    expect(farm.work_orders).toHaveLength(25);
    expect(farm.work_orders[0]!.code).toBe('WO-2026-0001');
    for (const wo of farm.work_orders) {
      const n = farm.operations.filter((o) => o.workOrderId === wo.id).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    for (const s of farm.spools) {
      expect(s.netWeightG).toBe(1000);
      expect(s.tareWeightG).toBeGreaterThanOrEqual(200);
      expect(s.tareWeightG).toBeLessThanOrEqual(250);
    }
    expect(new Set(farm.people.map((p) => p.badgeCode)).size).toBe(farm.people.length);
    for (const k of ['scrap_reasons', 'downtime_reasons', 'work_centers', 'parts'] as const)
      expect(farm[k].length).toBeGreaterThan(3);
  });

  it('every document passes its collection schema, ids are unique, nothing is dated in the future', () => {
    const ids = new Set<string>();
    for (const [name, docs] of Object.entries(farm) as [keyof DemoFarm, Record<string, unknown>[]][]) {
      const schema = (COLLECTIONS[name] as CollectionDef).schema;
      for (const d of docs) {
        expect(() => schema.parse(d), `${name} ${JSON.stringify(d)}`).not.toThrow();
        expect(ids.has(d.id as string)).toBe(false);
        ids.add(d.id as string);
        for (const t of [d.updatedAt, d.at, d.createdAt])
          if (typeof t === 'string') expect(Date.parse(t)).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it('work orders agree with the fold of their step events (status, quantities, no anomalies)', () => {
    const byOp = groupEventsByOperation(farm.step_events);
    const statuses = new Set<string>();
    for (const wo of farm.work_orders) {
      const ops = farm.operations.filter((o) => o.workOrderId === wo.id);
      const planned = wo.status === 'draft' || wo.status === 'cancelled' ? wo.status : 'released';
      const state = foldWorkOrder(ops, byOp, wo.qtyOrdered, now, planned);
      expect(state.status, wo.code).toBe(wo.status);
      expect(state.qtyCompleted, wo.code).toBe(wo.qtyCompleted);
      expect(state.qtyScrapped, wo.code).toBe(wo.qtyScrapped);
      expect(
        Object.values(state.stepStates).flatMap((s) => s.anomalies),
        wo.code,
      ).toEqual([]);
      if (wo.onHold) expect(Object.values(state.stepStates).some((s) => s.status === 'paused')).toBe(true);
      statuses.add(wo.status);
    }
    expect(statuses).toEqual(new Set(['completed', 'cancelled', 'in_progress', 'released', 'draft']));
  });

  it('spool ledgers fold to what the spools say: where they are loaded, empty or not, never below zero', () => {
    const levels = new Set<string>();
    for (const s of farm.spools) {
      const moves = farm.spool_movements.filter((m) => m.spoolId === s.id);
      expect(moves.map((m) => m.type)).toContain('receive');
      const ledger = foldSpoolLedger(moves, s.netWeightG);
      expect(ledger.remainingG, s.code).toBeGreaterThanOrEqual(0);
      expect(ledger.loadedPrinterId ?? '', s.code).toBe(s.loadedPrinterId);
      expect(ledger.disposed).toBe(s.status === 'disposed');
      if (s.status !== 'active') expect(ledger.remainingG).toBe(0);
      for (const m of moves.filter((x) => x.type === 'weigh_in'))
        expect(m.grossWeightG).toBe(s.tareWeightG + m.grams);
      levels.add(ledger.level);
    }
    expect(levels).toEqual(new Set(['ok', 'low', 'critical', 'empty']));
    const consumed = farm.spool_movements.filter((m) => m.type === 'consume' && m.workOrderId !== '');
    expect(consumed.length).toBeGreaterThan(3); // printing the work orders used filament
  });
});
