import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StepEvent } from '../domain/step-events.ts';
import { foldWorkOrder, groupEventsByOperation, sortOperations } from './work-order.ts';
import { at, stepEvent } from './test-helpers.ts';

// Deliberately out of order: the fold sorts by sequence.
const OPS = [
  { id: 'op-qc', sequence: 30 },
  { id: 'op-print', sequence: 10 },
  { id: 'op-post', sequence: 20 },
];

const ev = (op: string, type: StepEvent['type'], minutes: number, over: Partial<StepEvent> = {}) =>
  stepEvent(type, minutes, { operationId: op, ...over });

describe('foldWorkOrder', () => {
  it('is released with the first step next while nothing has started', () => {
    const s = foldWorkOrder(OPS, new Map(), 10, at(0));
    expect(s).toMatchObject({ status: 'released', currentStepId: null, nextStepId: 'op-print', qtyCompleted: 0 });
    expect(Object.keys(s.stepStates).sort()).toEqual(['op-post', 'op-print', 'op-qc']);
  });

  it('goes in progress on the first start and tracks the current and next step', () => {
    const s = foldWorkOrder(OPS, groupEventsByOperation([ev('op-print', 'start', 0)]), 10, at(5));
    expect(s).toMatchObject({ status: 'in_progress', currentStepId: 'op-print', nextStepId: 'op-post' });
  });

  it('completes when the last step completes with the ordered quantity, summing scrap over the steps', () => {
    const events = [
      ev('op-print', 'start', 0),
      ev('op-print', 'complete', 60, { qtyGood: 11, qtyScrap: 1, reasonCode: 'warp' }),
      ev('op-post', 'start', 70),
      ev('op-post', 'scrap', 80, { qtyScrap: 1, reasonCode: 'crack' }),
      ev('op-post', 'complete', 90, { qtyGood: 10 }),
      ev('op-qc', 'start', 100),
      ev('op-qc', 'complete', 110, { qtyGood: 10 }),
    ];
    const s = foldWorkOrder(OPS, groupEventsByOperation(events), 10, at(120));
    expect(s).toMatchObject({
      status: 'completed',
      currentStepId: null,
      nextStepId: null,
      qtyCompleted: 10,
      qtyScrapped: 2,
    });
  });

  it('stays in progress when the last step completes short of the ordered quantity', () => {
    const events = OPS.flatMap((op, i) => [
      ev(op.id, 'start', i * 10),
      ev(op.id, 'complete', i * 10 + 5, { qtyGood: 8 }),
    ]);
    const s = foldWorkOrder(OPS, groupEventsByOperation(events), 10, at(60));
    expect(s).toMatchObject({ status: 'in_progress', qtyCompleted: 8, nextStepId: null });
  });

  it('takes the good quantity of the last step that was not skipped', () => {
    const events = [
      ev('op-print', 'start', 0),
      ev('op-print', 'complete', 5, { qtyGood: 4 }),
      ev('op-post', 'start', 10),
      ev('op-post', 'complete', 15, { qtyGood: 4 }),
      ev('op-qc', 'skip', 20, { reasonCode: 'customer_waived' }),
    ];
    const s = foldWorkOrder(OPS, groupEventsByOperation(events), 4, at(30));
    expect(s).toMatchObject({ status: 'completed', qtyCompleted: 4 });
  });

  it('shows a paused step as current', () => {
    const events = [ev('op-print', 'start', 0), ev('op-print', 'pause', 5, { reasonCode: 'x' })];
    expect(foldWorkOrder(OPS, groupEventsByOperation(events), 1, at(9)).currentStepId).toBe('op-print');
  });

  it('keeps a planner status of draft or cancelled whatever the floor did', () => {
    const events = groupEventsByOperation([ev('op-print', 'start', 0)]);
    expect(foldWorkOrder(OPS, events, 1, at(1), 'cancelled').status).toBe('cancelled');
    expect(foldWorkOrder(OPS, events, 1, at(1), 'draft').status).toBe('draft');
    expect(foldWorkOrder([], events, 1, at(1)).status).toBe('released');
  });

  it('accepts events as a plain record keyed by operation id', () => {
    const s = foldWorkOrder(OPS, { 'op-print': [ev('op-print', 'start', 0)] }, 1, at(3));
    expect(s.stepStates['op-print']?.runningMs).toBe(3 * 60_000);
  });

  it('does not depend on the order of the operations given', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(OPS, { minLength: 3, maxLength: 3 }), (ops) => {
        expect(sortOperations(ops).map((o) => o.id)).toEqual(['op-print', 'op-post', 'op-qc']);
        const events = groupEventsByOperation([ev('op-print', 'start', 0), ev('op-print', 'complete', 1)]);
        expect(foldWorkOrder(ops, events, 0, at(2)).nextStepId).toBe('op-post');
      }),
    );
  });
});
