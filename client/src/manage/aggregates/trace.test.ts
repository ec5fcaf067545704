import { describe, expect, it } from 'vitest';
import type { SpoolMovement } from '@printfloor/shared';
import { movementOf } from './step-event-fixture.ts';
import { traceSpool, traceWorkOrder } from './trace.ts';

let n = 0;
function mv(type: SpoolMovement['type'], spoolId: string, grams: number, p: Partial<SpoolMovement> = {}): SpoolMovement {
  n += 1;
  return movementOf({
    id: `m${n}`,
    at: `2025-01-06T${String(8 + n).padStart(2, '0')}:00:00.000Z`,
    spoolId,
    type,
    grams,
    ...p,
  });
}

/*
 * Hand-computed fixture. op-1, op-2 belong to wo-1; op-3 to wo-2. Lots: sp-a L1, sp-b L1, sp-c L2.
 * m1 sp-a 100 g (wo-1, op-1); m2 sp-a 50 g estimated, names only op-2 (→ wo-1); m3 sp-b 30 g (wo-1);
 * m4 sp-c 200 g (wo-2, op-3); m5 sp-a 20 g tied to nothing; receive/load entries are not consumption;
 * m1 arrives twice (a replay).
 * wo-1: sp-a 150 g (50 estimated, 2 entries, op-1 + op-2), sp-b 30 g; lot L1 180 g; total 180 g.
 * sp-a fed wo-1 150 g, then 20 g to no order.
 */
const M1 = mv('consume', 'sp-a', 100, { workOrderId: 'wo-1', operationId: 'op-1' });
const MOVES = [
  mv('receive', 'sp-a', 1000),
  mv('load', 'sp-a', 0, { workOrderId: 'wo-1', printerId: 'pr-1' }),
  M1,
  mv('consume', 'sp-a', 50, { operationId: 'op-2', estimated: true }),
  mv('consume', 'sp-b', 30, { workOrderId: 'wo-1' }),
  mv('consume', 'sp-c', 200, { workOrderId: 'wo-2', operationId: 'op-3' }),
  mv('consume', 'sp-a', 20),
  M1,
];
const OP_ORDER = new Map([
  ['op-1', 'wo-1'],
  ['op-2', 'wo-1'],
  ['op-3', 'wo-2'],
]);
const LOTS = new Map([
  ['sp-a', { lot: 'L1' }],
  ['sp-b', { lot: 'L1' }],
  ['sp-c', { lot: 'L2' }],
]);

describe('traceability (hand-computed fixture)', () => {
  it('lists the spools and lots that went into a work order', () => {
    const t = traceWorkOrder('wo-1', MOVES, OP_ORDER, LOTS);
    expect(t.grams).toBe(180);
    expect(t.spools.map((s) => [s.spoolId, s.grams, s.estimatedG, s.entries, s.operationIds])).toEqual([
      ['sp-a', 150, 50, 2, ['op-1', 'op-2']],
      ['sp-b', 30, 0, 1, []],
    ]);
    expect(t.lots).toEqual([{ lot: 'L1', grams: 180, spoolIds: ['sp-a', 'sp-b'] }]);
    expect(traceWorkOrder('wo-2', MOVES, OP_ORDER, LOTS).lots).toEqual([{ lot: 'L2', grams: 200, spoolIds: ['sp-c'] }]);
    expect(traceWorkOrder('wo-9', MOVES, OP_ORDER, LOTS)).toEqual({ spools: [], lots: [], grams: 0 });
  });

  it('lists the work orders a spool fed, unassigned use apart', () => {
    expect(traceSpool('sp-a', MOVES, OP_ORDER).map((f) => [f.workOrderId, f.grams, f.estimatedG, f.entries])).toEqual([
      ['wo-1', 150, 50, 2],
      ['', 20, 0, 1],
    ]);
    expect(traceSpool('sp-c', MOVES, OP_ORDER).map((f) => f.workOrderId)).toEqual(['wo-2']);
  });
});
