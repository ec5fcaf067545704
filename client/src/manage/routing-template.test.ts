import { describe, expect, it } from 'vitest';
import type { Operation, WorkOrder } from '@printfloor/shared';
import { nextWorkOrderCode, operationsFromTemplate, routingTemplate } from './routing-template.ts';

const wo = (id: string, code: string, createdAt: string, qtyOrdered: number, partId = 'pt-1') =>
  ({ id, code, createdAt, qtyOrdered, partId }) as WorkOrder;
const op = (workOrderId: string, sequence: number, name: string, setup: number, run: number) =>
  ({ id: `${workOrderId}-${sequence}`, workOrderId, sequence, code: `OP${sequence}`, name, workCenterId: `wc-${name}`, plannedSetupMinutes: setup, plannedRunMinutes: run, printerId: '', notes: '' }) as Operation;

describe('routing templates', () => {
  const wos = [wo('w1', 'WO-2025-0001', '2025-01-01T00:00:00Z', 10), wo('w2', 'WO-2025-0002', '2025-01-03T00:00:00Z', 4), wo('w3', 'WO-2025-0003', '2025-01-05T00:00:00Z', 8, 'pt-2'), wo('w4', 'WO-2025-0004', '2025-01-06T00:00:00Z', 2)];
  const ops = [op('w1', 10, 'Print', 5, 100), op('w2', 20, 'Sand', 10, 20), op('w2', 10, 'Print', 15, 60), op('w3', 10, 'Print', 1, 1)];

  it("takes the part's most recent routed order, in sequence, with run minutes per unit", () => {
    // w4 is newer but has no operations; w2 (qty 4) is the newest routed one.
    const t = routingTemplate({ id: 'pt-1', printMinutes: 30 }, wos, ops);
    expect(t.source?.code).toBe('WO-2025-0002');
    expect(t.steps.map((s) => [s.name, s.plannedSetupMinutes, s.runMinutesPerUnit])).toEqual([
      ['Print', 15, 15],
      ['Sand', 10, 5],
    ]);
    // 6 parts: run 90 and 30 min, setup unchanged, sequence renumbered.
    expect(operationsFromTemplate('new', t.steps, 6).map((o) => [o.sequence, o.name, o.plannedSetupMinutes, o.plannedRunMinutes])).toEqual([
      [10, 'Print', 15, 90],
      [20, 'Sand', 10, 30],
    ]);
  });

  it('falls back to one print step from the part when it was never made', () => {
    const t = routingTemplate({ id: 'pt-9', printMinutes: 42 }, wos, ops, [{ id: 'wc-p', kind: 'print', active: true }]);
    expect(t.source).toBeNull();
    expect(t.steps).toEqual([{ code: 'OP10', name: 'Print', workCenterId: 'wc-p', printerId: '', plannedSetupMinutes: 0, runMinutesPerUnit: 42, notes: '' }]);
  });

  it('numbers a new order one past the highest of the year', () => {
    expect(nextWorkOrderCode(wos, 2025)).toBe('WO-2025-0005');
    expect(nextWorkOrderCode(wos, 2026)).toBe('WO-2026-0001');
  });
});
