import { describe, expect, it } from 'vitest';
import type { SpoolMovement, StepEvent } from '@printfloor/shared';
import { printerHistory } from './history.ts';
import { movementOf, stepEventOf } from './step-event-fixture.ts';

const MIN = 60_000;
const DAY0 = Date.UTC(2025, 0, 6);
const iso = (h: number, m = 0) => new Date(DAY0 + (h * 60 + m) * MIN).toISOString();
let n = 0;
const DEFAULTS: Partial<StepEvent> = {
  operatorId: '',
  deviceId: '',
  workOrderId: 'wo-1',
  operationId: 'op-a',
  printerId: 'pr-1',
};
function ev(type: StepEvent['type'], at: string, p: Partial<StepEvent> = {}): StepEvent {
  return stepEventOf({ id: `e${String(n++).padStart(3, '0')}`, at, type, ...DEFAULTS, ...p });
}
function consume(spoolId: string, grams: number, printerId: string, h: number): SpoolMovement {
  return movementOf({ id: `m${n++}`, at: iso(h), spoolId, type: 'consume', grams, printerId });
}

/*
 * Hand-computed (now 14:00). pr-1: op-a start 08:00, pause 09:00, resume 09:30, downtime 10:00–10:20,
 * complete 11:00 with 4 good 1 scrap → running 60 + 90 − 20 = 130 min, paused 30. op-c (assigned to
 * pr-1, its events name no printer) start 12:00, pause 13:00 → running 60, paused 60 (to now).
 * op-d runs on pr-2 (not in pr-1's history). Consumption on pr-1: sp-a 40 + 10, sp-b 5; on pr-2 sp-c 99.
 */
const EVENTS = [
  ev('start', iso(8)),
  ev('pause', iso(9)),
  ev('resume', iso(9, 30)),
  ev('downtime', iso(10, 25), { downtimeFrom: iso(10), downtimeTo: iso(10, 20), reasonCode: 'JAM' }),
  ev('complete', iso(11), { qtyGood: 4, qtyScrap: 1 }),
  ev('start', iso(12), { operationId: 'op-c', workOrderId: 'wo-2', printerId: '' }),
  ev('pause', iso(13), { operationId: 'op-c', workOrderId: 'wo-2', printerId: '' }),
  ev('start', iso(7), { operationId: 'op-d', workOrderId: 'wo-3', printerId: 'pr-2' }),
];
const OPS = new Map([
  ['op-a', { printerId: 'pr-1', workOrderId: 'wo-1' }],
  ['op-c', { printerId: 'pr-1', workOrderId: 'wo-2' }],
  ['op-d', { printerId: 'pr-2', workOrderId: 'wo-3' }],
]);
const MOVES = [
  consume('sp-a', 40, 'pr-1', 9),
  consume('sp-a', 10, 'pr-1', 10),
  consume('sp-b', 5, 'pr-1', 12),
  consume('sp-c', 99, 'pr-2', 8),
];

describe('printerHistory (hand-computed fixture)', () => {
  const h = printerHistory('pr-1', EVENTS, OPS, MOVES, DAY0 + 14 * 60 * MIN);

  it('lists the steps run on the printer, newest first, with their times and quantities', () => {
    expect(
      h.jobs.map((j) => [
        j.operationId,
        j.status,
        j.runningMs / MIN,
        j.pausedMs / MIN,
        j.qtyGood,
        j.qtyScrap,
      ]),
    ).toEqual([
      ['op-c', 'paused', 60, 60, 0, 0],
      ['op-a', 'completed', 130, 30, 4, 1],
    ]);
  });

  it('lists its downtime and the filament it used', () => {
    expect(h.downtime.map((d) => [d.reasonCode, d.minutes])).toEqual([['JAM', 20]]);
    expect(h.consumption.map((c) => [c.spoolId, c.grams, c.entries])).toEqual([
      ['sp-b', 5, 1],
      ['sp-a', 50, 2],
    ]);
    expect(h.totals).toEqual({ runningMs: 190 * MIN, downtimeMinutes: 20, grams: 55, good: 4, scrap: 1 });
  });
});
