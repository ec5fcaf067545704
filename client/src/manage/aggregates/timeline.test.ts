import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StepEvent } from '@printfloor/shared';
import { axisSpan, floorTimeline, measure, packRows, unionIntervals, type OperationRef } from './timeline.ts';
import { stepEventOf } from './step-event-fixture.ts';

const MIN = 60_000;
const DAY0 = Date.UTC(2025, 0, 6); // the window: 2025-01-06 00:00–24:00 UTC
const hm = (h: number, m = 0) => DAY0 + (h * 60 + m) * MIN;
const iso = (h: number, m = 0) => new Date(hm(h, m)).toISOString();
let n = 0;
const DEFAULTS: Partial<StepEvent> = {
  operatorId: 'anna',
  deviceId: 'tab-1',
  workOrderId: 'wo-1',
  operationId: 'op-a',
  printerId: 'pr-1',
};
function ev(type: StepEvent['type'], at: string, p: Partial<StepEvent> = {}): StepEvent {
  return stepEventOf({ id: `e${String(n++).padStart(3, '0')}`, at, type, ...DEFAULTS, ...p });
}

/*
 * Hand-computed fixture (now = 14:00):
 * op-a on pr-1: start 08:00, pause 09:00 (FIL), resume 09:30, complete 11:00; downtime 10:00–10:20 (JAM).
 *   → run 08:00–09:00, paused 09:00–09:30, run 09:30–11:00, downtime 10:00–10:20.
 * op-c on pr-1: start 12:00, pause 13:00, still paused → run 12:00–13:00, paused 13:00–14:00 (open).
 *   pr-1: run 60 + 90 − 20 (downtime inside) + 60 = 190 min; paused 30 + 60 = 90; downtime 20.
 * op-b, no printer on its events, assigned to pr-2: started yesterday 22:00, a stray second start at
 *   12:00 (ignored), still running → run 00:00–14:00 (clipped to the window, open) = 840 min.
 * pr-3: downtime reported on the printer alone from 06:00, no end → 06:00–14:00 (open) = 480 min.
 * pr-4: asked for, nothing ran → an empty lane.
 */
const A = [
  ev('start', iso(8)),
  ev('pause', iso(9), { reasonCode: 'FIL' }),
  ev('resume', iso(9, 30)),
  ev('downtime', iso(10, 25), { downtimeFrom: iso(10), downtimeTo: iso(10, 20), reasonCode: 'JAM' }),
  ev('complete', iso(11), { qtyGood: 4 }),
];
const C = [
  ev('start', iso(12), { operationId: 'op-c', workOrderId: 'wo-2' }),
  ev('pause', iso(13), { operationId: 'op-c', workOrderId: 'wo-2', reasonCode: 'BREAK' }),
];
const B = [
  ev('start', new Date(hm(-2)).toISOString(), { operationId: 'op-b', workOrderId: 'wo-3', printerId: '' }),
  ev('start', iso(12), { operationId: 'op-b', workOrderId: 'wo-3', printerId: '' }),
];
const P3 = [
  ev('downtime', iso(6, 5), {
    operationId: '',
    workOrderId: '',
    printerId: 'pr-3',
    downtimeFrom: iso(6),
    reasonCode: 'MAINT',
  }),
];
const ALL = [...A, ...C, ...B, ...P3];
const OPS = new Map<string, OperationRef>([
  ['op-a', { workOrderId: 'wo-1', printerId: 'pr-1' }],
  ['op-b', { workOrderId: 'wo-3', printerId: 'pr-2' }],
  ['op-c', { workOrderId: 'wo-2', printerId: 'pr-1' }],
]);
const WINDOW = { from: DAY0, to: hm(24) };
const NOW = hm(14);

function lanes(events: StepEvent[]) {
  return new Map(floorTimeline(events, OPS, WINDOW, NOW, ['pr-4']).map((l) => [l.printerId, l]));
}
const short = (s: { kind: string; from: number; to: number; open: boolean }) =>
  `${s.kind} ${(s.from - DAY0) / MIN}-${(s.to - DAY0) / MIN}${s.open ? ' open' : ''}`;

describe('floorTimeline (hand-computed fixture)', () => {
  it('draws runs, pauses and downtime per printer and totals them', () => {
    const l = lanes(ALL);
    expect(l.get('pr-1')!.segments.map(short)).toEqual([
      'run 480-540',
      'paused 540-570',
      'run 570-660',
      'downtime 600-620',
      'run 720-780',
      'paused 780-840 open',
    ]);
    expect(l.get('pr-1')!.runMs / MIN).toBe(190);
    expect(l.get('pr-1')!.pausedMs / MIN).toBe(90);
    expect(l.get('pr-1')!.downtimeMs / MIN).toBe(20);
    expect(l.get('pr-1')!.segments[1]!.reasonCode).toBe('FIL');
    expect(l.get('pr-1')!.segments[3]!.reasonCode).toBe('JAM');
  });

  it('clips a step that began yesterday, ignores a second start, and uses the assigned printer', () => {
    const l = lanes(ALL);
    expect(l.get('pr-2')!.segments.map(short)).toEqual(['run 0-840 open']);
    expect(l.get('pr-2')!.runMs / MIN).toBe(840);
    expect(l.get('pr-2')!.segments[0]!.workOrderId).toBe('wo-3');
  });

  it('shows downtime reported on a printer without a step, open until now, and empty lanes asked for', () => {
    const l = lanes(ALL);
    expect(l.get('pr-3')!.segments.map(short)).toEqual(['downtime 360-840 open']);
    expect(l.get('pr-3')!.downtimeMs / MIN).toBe(480);
    expect(l.get('pr-4')!.segments).toEqual([]);
  });

  it('gives the same lanes for any arrival order and for replayed events', () => {
    const expected = lanes(ALL);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(ALL, { minLength: ALL.length, maxLength: ALL.length }),
        fc.subarray(ALL),
        (order, replays) => {
          expect(lanes([...order, ...replays])).toEqual(expected);
        },
      ),
    );
  });
});

describe('interval helpers', () => {
  it('measure counts overlaps once', () => {
    expect(
      measure([
        { from: 0, to: 10 },
        { from: 5, to: 15 },
        { from: 20, to: 25 },
      ]),
    ).toBe(20);
    expect(unionIntervals([{ from: 5, to: 5 }])).toEqual([]);
  });
});

describe('axisSpan', () => {
  const lane = (from: number, to: number) => ({
    printerId: 'p',
    segments: [
      { kind: 'run' as const, from, to, open: false, workOrderId: '', operationId: '', reasonCode: '' },
    ],
    runMs: 0,
    pausedMs: 0,
    downtimeMs: 0,
  });
  it('spans whole hours from the first thing done (06:00 at the latest) to now or the last end', () => {
    expect(axisSpan([lane(hm(3, 30), hm(5))], WINDOW, hm(10, 20))).toEqual({ from: hm(3), to: hm(11) });
    expect(axisSpan([], WINDOW, hm(10, 20))).toEqual({ from: hm(6), to: hm(11) });
    // Early in the morning: at least 4 hours are drawn.
    expect(axisSpan([], WINDOW, hm(1, 10))).toEqual({ from: hm(1), to: hm(8) });
  });
});

describe('work-center lanes and packed rows', () => {
  it("puts a step without a printer in its work center's lane, and stacks overlapping steps", () => {
    const ops = new Map<string, OperationRef>([
      ['b1', { workOrderId: 'w1', printerId: '', workCenterId: 'bench' }],
      ['b2', { workOrderId: 'w2', printerId: '', workCenterId: 'bench' }],
      ['b3', { workOrderId: 'w3', printerId: '', workCenterId: 'bench' }],
    ]);
    const evs = [
      ev('start', iso(8), { operationId: 'b1', printerId: '' }),
      ev('complete', iso(10), { operationId: 'b1', printerId: '' }),
      ev('start', iso(9), { operationId: 'b2', printerId: '' }),
      ev('complete', iso(11), { operationId: 'b2', printerId: '' }),
      ev('start', iso(10), { operationId: 'b3', printerId: '' }),
      ev('complete', iso(12), { operationId: 'b3', printerId: '' }),
    ];
    const [lane] = floorTimeline(evs, ops, WINDOW, NOW);
    expect(lane!.printerId).toBe('wc:bench');
    // b1 08–10 row 0; b2 09–11 overlaps → row 1; b3 10–12 starts when b1 ends → row 0.
    const { rowOf, rows } = packRows(lane!.segments);
    expect([rowOf.get('b1'), rowOf.get('b2'), rowOf.get('b3'), rows]).toEqual([0, 1, 0, 2]);
  });
});
