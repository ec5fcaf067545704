import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyStepState, type StepState } from '@printfloor/shared';
import {
  dueEndMs,
  duplicateCodes,
  orderRisk,
  remainingPlannedMinutes,
  routingProgress,
} from './order-risk.ts';

const st = (status: StepState['status'], runningMin = 0): StepState => ({
  ...emptyStepState(),
  status,
  runningMs: runningMin * 60_000,
});

// Hand-computed fixture: a three-step routing.
//   print    setup 15 + run 240 = 255, running for 100 min  → 155 left
//   support  setup 0  + run 30  = 30, pending                 →  30 left
//   qc       setup 5  + run 10  = 15, pending                 →  15 left
//   total 200 minutes left.
const steps = [
  { id: 'print', plannedSetupMinutes: 15, plannedRunMinutes: 240 },
  { id: 'support', plannedSetupMinutes: 0, plannedRunMinutes: 30 },
  { id: 'qc', plannedSetupMinutes: 5, plannedRunMinutes: 10 },
];

describe('remainingPlannedMinutes', () => {
  it('sums what is left of the plan, hand-computed', () => {
    expect(remainingPlannedMinutes(steps, { print: st('running', 100) })).toBe(200);
    // Once print is done, support + qc = 45.
    expect(remainingPlannedMinutes(steps, { print: st('completed') })).toBe(45);
    // Overrun of a running step never counts negative: 0 + 30 + 15.
    expect(remainingPlannedMinutes(steps, { print: st('paused', 400) })).toBe(45);
    expect(
      remainingPlannedMinutes(steps, { print: st('completed'), support: st('skipped'), qc: st('completed') }),
    ).toBe(0);
  });
});

describe('orderRisk', () => {
  // Due 2025-03-10 ends at local midnight starting 2025-03-11.
  const due = '2025-03-10';
  const at = (d: number, h: number, m = 0) => new Date(2025, 2, d, h, m).getTime();

  it('flags late, at risk and on track by hand-computed times', () => {
    // 10 March 20:00 → 240 min to the due end; 200 left → 40 min slack → on track.
    expect(orderRisk({ status: 'in_progress', dueDate: due, remainingMinutes: 200, now: at(10, 20) })).toBe(
      'on_track',
    );
    // 10 March 21:00 → 180 min to go, 200 needed → at risk.
    expect(orderRisk({ status: 'in_progress', dueDate: due, remainingMinutes: 200, now: at(10, 21) })).toBe(
      'at_risk',
    );
    // With a 60-minute slack rule, 20:00 (40 min slack) is at risk too.
    expect(
      orderRisk({
        status: 'released',
        dueDate: due,
        remainingMinutes: 200,
        now: at(10, 20),
        slackMinutes: 60,
      }),
    ).toBe('at_risk');
    // 11 March 00:00 is past the due end → late, even with nothing left to do.
    expect(orderRisk({ status: 'in_progress', dueDate: due, remainingMinutes: 0, now: at(11, 0) })).toBe(
      'late',
    );
    expect(orderRisk({ status: 'completed', dueDate: due, remainingMinutes: 0, now: at(12, 0) })).toBe(
      'none',
    );
    expect(orderRisk({ status: 'released', dueDate: '', remainingMinutes: 10, now: at(12, 0) })).toBe('none');
  });

  it('never calls an order on track when the work cannot fit before the due end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: -5_000, max: 20_000 }),
        (left, minsToDue) => {
          const end = dueEndMs(due)!;
          const r = orderRisk({
            status: 'released',
            dueDate: due,
            remainingMinutes: left,
            now: end - minsToDue * 60_000,
          });
          if (minsToDue <= 0) return r === 'late';
          return (r === 'on_track') === left <= minsToDue;
        },
      ),
    );
  });
});

describe('routingProgress', () => {
  it('counts completed and skipped steps', () => {
    expect(
      routingProgress(steps, { print: st('completed'), support: st('skipped'), qc: st('running') }),
    ).toBeCloseTo(2 / 3);
    expect(routingProgress([], {})).toBe(0);
  });
});

describe('duplicateCodes', () => {
  it('names each code more than one order carries, once, trimmed as the editor trims', () => {
    const codes = ['WO-2026-0012', 'WO-2026-0013', ' WO-2026-0012', 'WO-2026-0012 ', 'WO-2026-0014', '', ''];
    expect([...duplicateCodes(codes)]).toEqual(['WO-2026-0012']);
  });

  it('is empty when every code is unique', () => {
    expect(duplicateCodes(['A', 'B', 'a']).size).toBe(0);
  });
});
