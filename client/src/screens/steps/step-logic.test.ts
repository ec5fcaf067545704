import { describe, expect, it } from 'vitest';
import { emptyStepState, type Operation, type StepState, type WorkOrder } from '@printfloor/shared';
import type { FloorStep } from '../../floor/station-view.ts';
import { actionLabel, defaultGoodQty, downtimeInterval, planStart, startPrinterId } from './step-logic.ts';

const st = (over: Partial<StepState>): StepState => ({ ...emptyStepState(), ...over });
const wo = { id: 'w', code: 'WO-7', qtyOrdered: 10 } as WorkOrder;
const op = (i: number, printerId = ''): Operation =>
  ({
    id: `op${i}`,
    code: `OP${i}0`,
    name: 'Print',
    printerId,
    workCenterId: '',
    sequence: i * 10,
  }) as Operation;

function step(index: number, states: StepState[], printerId = ''): FloorStep {
  return { wo, op: op(index + 1, printerId), index, state: states[index]!, stepStates: states };
}

describe('planStart', () => {
  it('goes when the previous step is done', () => {
    const states = [st({ status: 'completed', qtyGood: 10 }), st({})];
    expect(planStart(step(1, states), 'operator', '', new Map())).toEqual({
      kind: 'go',
      override: false,
      warning: null,
    });
  });

  it('refuses an operator when the previous step is not done, and asks a lead to confirm the override', () => {
    const states = [st({ status: 'running' }), st({})];
    expect(planStart(step(1, states), 'operator', '', new Map())).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('a lead can override') as string,
    });
    expect(planStart(step(1, states), 'lead', '', new Map())).toMatchObject({ kind: 'confirm-override' });
  });

  it('warns, without refusing, when the printer already has a step on it', () => {
    const busy = new Map([['other-op', st({ status: 'running', printerId: 'pr1' })]]);
    expect(planStart(step(0, [st({})], 'pr1'), 'operator', 'pr1', busy)).toMatchObject({
      kind: 'go',
      warning: expect.stringContaining('1 step') as string,
    });
    expect(planStart(step(0, [st({})], 'pr1'), 'operator', 'pr2', busy)).toMatchObject({
      kind: 'go',
      warning: null,
    });
  });

  it('refuses a step that already runs', () => {
    expect(planStart(step(0, [st({ status: 'running' })]), 'lead', '', new Map()).kind).toBe('refused');
  });
});

describe('startPrinterId', () => {
  const printer = { id: 'pr1', workCenterId: 'wc-print' };
  it('uses the assigned printer, else the station printer for a step of its work center', () => {
    expect(startPrinterId(step(0, [st({})], 'pr9'), printer)).toBe('pr9');
    expect(startPrinterId(step(0, [st({})]), printer)).toBe('pr1');
    expect(startPrinterId(step(0, [st({})]), null)).toBe('');
  });
  it('never puts a bench step on the station printer', () => {
    const qc: FloorStep = { ...step(0, [st({})]), op: { ...op(1), workCenterId: 'wc-qc' } };
    expect(startPrinterId(qc, printer)).toBe('');
    expect(startPrinterId({ ...qc, op: { ...qc.op, workCenterId: 'wc-print' } }, printer)).toBe('pr1');
  });
});

describe('defaultGoodQty', () => {
  it('proposes what the previous step passed on, less what was already reported here', () => {
    expect(defaultGoodQty(step(0, [st({})]))).toBe(10);
    expect(defaultGoodQty(step(1, [st({ status: 'completed', qtyGood: 8 }), st({ qtyScrap: 1 })]))).toBe(7);
    expect(
      defaultGoodQty(step(2, [st({ status: 'completed', qtyGood: 9 }), st({ status: 'skipped' }), st({})])),
    ).toBe(9);
  });
});

describe('actionLabel', () => {
  it('names the action, the order and the step', () => {
    expect(actionLabel('start', { wo, op: op(1) })).toBe('Started WO-7 OP10 Print');
  });
});

describe('downtimeInterval', () => {
  const now = new Date(2026, 0, 10, 14, 30);
  it('reads clock times of today; a future "from" means yesterday', () => {
    const r = downtimeInterval('14:00', '14:20', now);
    expect(r).toEqual({
      from: new Date(2026, 0, 10, 14, 0).toISOString(),
      to: new Date(2026, 0, 10, 14, 20).toISOString(),
    });
    expect(downtimeInterval('23:00', null, now)).toEqual({
      from: new Date(2026, 0, 9, 23, 0).toISOString(),
      to: null,
    });
  });
  it('explains bad input instead of recording nonsense', () => {
    expect(downtimeInterval('25:00', '14:00', now)).toMatch(/went down/);
    expect(downtimeInterval('14:00', 'x', now)).toMatch(/came back/);
    expect(downtimeInterval('14:20', '14:00', now)).toMatch(/before/);
  });
});
