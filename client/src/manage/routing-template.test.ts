import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Operation, TemplateStep, WorkOrder } from '@printfloor/shared';
import {
  nextWorkOrderCode,
  operationsFromTemplate,
  routingTemplate,
  sameSteps,
  templateSourceLabel,
} from './routing-template.ts';

const wo = (id: string, code: string, createdAt: string, qtyOrdered: number, partId = 'pt-1') =>
  ({ id, code, createdAt, qtyOrdered, partId }) as WorkOrder;
const op = (workOrderId: string, sequence: number, name: string, setup: number, run: number) =>
  ({ id: `${workOrderId}-${sequence}`, workOrderId, sequence, code: `OP${sequence}`, name, workCenterId: `wc-${name}`, plannedSetupMinutes: setup, plannedRunMinutes: run, printerId: '', notes: '' }) as Operation;
const step = (code: string, name: string, setup: number, perUnit: number, over: Partial<TemplateStep> = {}): TemplateStep => ({
  code,
  name,
  workCenterId: `wc-${name}`,
  printerId: '',
  plannedSetupMinutes: setup,
  runMinutesPerUnit: perUnit,
  notes: '',
  ...over,
});

describe('routing templates', () => {
  const wos = [wo('w1', 'WO-2025-0001', '2025-01-01T00:00:00Z', 10), wo('w2', 'WO-2025-0002', '2025-01-03T00:00:00Z', 4), wo('w3', 'WO-2025-0003', '2025-01-05T00:00:00Z', 8, 'pt-2'), wo('w4', 'WO-2025-0004', '2025-01-06T00:00:00Z', 2)];
  const ops = [op('w1', 10, 'Print', 5, 100), op('w2', 20, 'Sand', 10, 20), op('w2', 10, 'Print', 15, 60), op('w3', 10, 'Print', 1, 1)];

  it("uses the part's stored template when it has one, even if the part was made before", () => {
    const stored = [step('P1', 'Print', 20, 40, { printerId: 'pr-3' }), step('P2', 'Deburr', 0, 2.5, { notes: 'gloves' })];
    const t = routingTemplate({ id: 'pt-1', printMinutes: 30, routing: stored }, wos, ops);
    expect(t.source).toEqual({ kind: 'part' });
    expect(t.steps).toEqual(stored);
    expect(t.steps[0]).not.toBe(stored[0]); // a copy: editing the form never touches the part
    expect(templateSourceLabel(t.source)).toBe("From the part's template");
  });

  it("falls back to the part's most recent routed order, in sequence, with run minutes per unit", () => {
    // An empty stored template is no template. w4 is newer but has no operations; w2 (qty 4) is the newest routed one.
    const t = routingTemplate({ id: 'pt-1', printMinutes: 30, routing: [] }, wos, ops);
    expect(t.source).toEqual({ kind: 'work_order', id: 'w2', code: 'WO-2025-0002' });
    expect(templateSourceLabel(t.source)).toMatch(/^From WO-2025-0002/);
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
    expect(t.source).toEqual({ kind: 'default' });
    expect(t.steps).toEqual([{ code: 'OP10', name: 'Print', workCenterId: 'wc-p', printerId: '', plannedSetupMinutes: 0, runMinutesPerUnit: 42, notes: '' }]);
  });

  it('scales a stored template by the quantity: run = per unit × qty, setup once, printer and notes kept', () => {
    const stored = [step('OP10', 'Print', 15, 42, { printerId: 'pr-7' }), step('OP20', 'Supports', 5, 3, { notes: 'flush cutters' }), step('', 'Inspect', 0, 0.5)];
    const t = routingTemplate({ id: 'pt-1', printMinutes: 30, routing: stored }, wos, ops);
    expect(operationsFromTemplate('wo-x', t.steps, 12)).toEqual([
      { workOrderId: 'wo-x', sequence: 10, code: 'OP10', name: 'Print', workCenterId: 'wc-Print', plannedSetupMinutes: 15, plannedRunMinutes: 504, printerId: 'pr-7', notes: '' },
      { workOrderId: 'wo-x', sequence: 20, code: 'OP20', name: 'Supports', workCenterId: 'wc-Supports', plannedSetupMinutes: 5, plannedRunMinutes: 36, printerId: '', notes: 'flush cutters' },
      { workOrderId: 'wo-x', sequence: 30, code: 'OP30', name: 'Inspect', workCenterId: 'wc-Inspect', plannedSetupMinutes: 0, plannedRunMinutes: 6, printerId: '', notes: '' },
    ]);
  });

  it('plans run minutes = per unit × qty (one decimal, capped at the schema maximum) for any template', () => {
    const stepArb = fc.record({
      code: fc.string({ maxLength: 8 }),
      name: fc.string({ minLength: 1, maxLength: 20 }),
      workCenterId: fc.string({ maxLength: 8 }),
      printerId: fc.string({ maxLength: 8 }),
      plannedSetupMinutes: fc.integer({ min: 0, max: 600 }),
      runMinutesPerUnit: fc.double({ min: 0, max: 1000, noNaN: true }),
      notes: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 8 }), fc.integer({ min: 1, max: 10_000 }), (steps, qty) => {
        const planned = operationsFromTemplate('w', steps, qty);
        expect(planned).toHaveLength(steps.length);
        planned.forEach((o, i) => {
          expect(o.sequence).toBe((i + 1) * 10);
          expect(o.plannedSetupMinutes).toBe(steps[i]!.plannedSetupMinutes);
          expect(o.plannedRunMinutes).toBe(Math.min(100_000, Math.round(steps[i]!.runMinutesPerUnit * qty * 10) / 10));
        });
      }),
    );
  });

  it('compares step lists field by field and in order', () => {
    const a = [step('OP10', 'Print', 1, 2), step('OP20', 'Sand', 0, 1)];
    expect(sameSteps(a, a.map((s) => ({ ...s })))).toBe(true);
    expect(sameSteps(a, [a[1]!, a[0]!])).toBe(false);
    expect(sameSteps(a, [a[0]!, { ...a[1]!, notes: 'x' }])).toBe(false);
    expect(sameSteps(a, [a[0]!])).toBe(false);
  });

  it('numbers a new order one past the highest of the year', () => {
    expect(nextWorkOrderCode(wos, 2025)).toBe('WO-2025-0005');
    expect(nextWorkOrderCode(wos, 2026)).toBe('WO-2026-0001');
  });
});
