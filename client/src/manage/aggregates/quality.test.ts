import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StepEvent } from '@printfloor/shared';
import { stepEventOf } from './step-event-fixture.ts';
import {
  downtimeByReason,
  firstPassYield,
  pareto,
  scrapByPrinter,
  scrapByReason,
  utilisation,
} from './quality.ts';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 0, 0); // window start
const iso = (h: number) => new Date(T0 + h * H).toISOString();
let n = 0;
const DEFAULTS: Partial<StepEvent> = { workOrderId: 'wo', operationId: 'op1' };
function ev(type: StepEvent['type'], h: number, p: Partial<StepEvent> = {}): StepEvent {
  return stepEventOf({ id: `e${n++}`, at: iso(h), type, ...DEFAULTS, ...p });
}

// Hand-computed fixture (a 10-hour window, 00:00–10:00):
//   op1 on PR-1: start 01:00, pause 03:00, resume 04:00, complete 06:00 with 18 good 2 scrap (warp)
//                → runs 2 h + 2 h = 4 h
//   op2 on PR-2: start 08:00, still running at now = 12:00 → 2 h inside the window
//                scrap 5 (stringing) at 09:00, scrap 1 (warp) at 09:30
//   op3 on PR-1: start 05:00 (overlaps op1 05:00–06:00), complete 07:00 with 10 good → union 01–03, 04–07 = 5 h
//   downtime: nozzle clog 02:00–02:30 (30 min), power 09:00 open → to now 12:00, clipped to 10:00 = 60 min
const events: StepEvent[] = [
  ev('start', 1, { printerId: 'PR-1' }),
  ev('pause', 3),
  ev('resume', 4),
  ev('complete', 6, { qtyGood: 18, qtyScrap: 2, reasonCode: 'warp', printerId: 'PR-1' }),
  ev('start', 8, { operationId: 'op2', printerId: 'PR-2' }),
  ev('scrap', 9, { operationId: 'op2', printerId: 'PR-2', qtyScrap: 5, reasonCode: 'stringing' }),
  ev('scrap', 9.5, { operationId: 'op2', printerId: 'PR-2', qtyScrap: 1, reasonCode: 'warp' }),
  ev('start', 5, { operationId: 'op3', printerId: 'PR-1' }),
  ev('complete', 7, { operationId: 'op3', printerId: 'PR-1', qtyGood: 10 }),
  ev('downtime', 2.5, { reasonCode: 'clog', downtimeFrom: iso(2), downtimeTo: iso(2.5) }),
  ev('downtime', 9, { operationId: 'op2', reasonCode: 'power', downtimeFrom: iso(9) }),
];
const W = { from: T0, to: T0 + 10 * H };
const NOW = T0 + 12 * H;

describe('quality aggregates on a hand-computed fixture', () => {
  it('scrap by reason and by printer as a Pareto', () => {
    // stringing 5, warp 2 + 1 = 3 → shares 5/8, 3/8; cumulative 0.625, 1
    expect(pareto(scrapByReason(events))).toEqual([
      { key: 'stringing', value: 5, share: 0.625, cumulative: 0.625 },
      { key: 'warp', value: 3, share: 0.375, cumulative: 1 },
    ]);
    expect([...scrapByPrinter(events)]).toEqual([
      ['PR-1', 2],
      ['PR-2', 6],
    ]);
  });

  it('first-pass yield = good / (good + scrap)', () => {
    // good 18 + 10 = 28, scrap 2 + 5 + 1 = 8 → 28/36
    const fpy = firstPassYield(events);
    expect(fpy.good).toBe(28);
    expect(fpy.scrap).toBe(8);
    expect(fpy.yield).toBeCloseTo(28 / 36, 10);
    expect(firstPassYield([]).yield).toBeNull();
  });

  it('downtime by reason in minutes, open intervals to now, clipped to the window', () => {
    expect([...downtimeByReason(events, NOW, W)]).toEqual([
      ['clog', 30],
      ['power', 60],
    ]);
    expect(downtimeByReason(events, NOW).get('power')).toBe(180);
  });

  it('utilisation per printer over the window', () => {
    const u = utilisation(events, W, NOW);
    expect(u.get('PR-1')).toBeCloseTo(5 / 10, 10);
    expect(u.get('PR-2')).toBeCloseTo(2 / 10, 10);
  });

  it('counts a replayed event once', () => {
    expect(scrapByReason([...events, events[5]!]).get('stringing')).toBe(5);
  });
});

describe('pareto', () => {
  it('is sorted, sums to 1 and ends at 1', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 1000 })),
        (d) => {
          const rows = pareto(new Map(Object.entries(d)));
          for (let i = 1; i < rows.length; i++) if (rows[i]!.value > rows[i - 1]!.value) return false;
          if (rows.length === 0) return Object.values(d).every((v) => v === 0);
          return Math.abs(rows[rows.length - 1]!.cumulative - 1) < 1e-9;
        },
      ),
    );
  });
});
