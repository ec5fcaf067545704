import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StepEvent, StepEventType } from '../domain/step-events.ts';
import { foldStep } from './step-tracker.ts';
import { BASE_MS, at, stepEvent } from './test-helpers.ts';

const MIN = 60_000;

describe('foldStep examples', () => {
  it('an untouched step is pending with nothing counted', () => {
    const s = foldStep([], at(10));
    expect(s).toMatchObject({ status: 'pending', startedAt: null, runningMs: 0, pausedMs: 0, qtyGood: 0 });
  });

  it('runs, pauses, resumes and completes with quantities and time split', () => {
    const events = [
      stepEvent('start', 0, { operatorId: 'op-anna' }),
      stepEvent('pause', 30, { reasonCode: 'filament_runout', operatorId: 'op-ben' }),
      stepEvent('resume', 40, { operatorId: 'op-ben' }),
      stepEvent('scrap', 50, { qtyScrap: 1, reasonCode: 'warp' }),
      stepEvent('complete', 100, { qtyGood: 9, qtyScrap: 2, reasonCode: 'stringing', operatorId: 'op-cleo' }),
    ];
    const s = foldStep(events, at(500));
    expect(s).toMatchObject({
      status: 'completed',
      startedAt: at(0),
      endedAt: at(100),
      runningMs: 90 * MIN,
      pausedMs: 10 * MIN,
      qtyGood: 9,
      qtyScrap: 3,
      operatorIds: ['op-anna', 'op-ben', 'op-cleo'],
      lastOperatorId: 'op-cleo',
      printerId: 'pr-1',
      anomalies: [],
    });
    expect(s.pauses).toEqual([{ at: at(30), reasonCode: 'filament_runout', resumedAt: at(40) }]);
  });

  it('counts running time up to now while running, and paused time up to now while paused', () => {
    const start = stepEvent('start', 0);
    expect(foldStep([start], at(25)).runningMs).toBe(25 * MIN);
    expect(foldStep([start], BASE_MS + 25 * MIN).runningMs).toBe(25 * MIN);
    expect(foldStep([start], new Date(BASE_MS + 25 * MIN)).runningMs).toBe(25 * MIN);
    const paused = foldStep([start, stepEvent('pause', 10, { reasonCode: 'x' })], at(25));
    expect(paused).toMatchObject({ status: 'paused', runningMs: 10 * MIN, pausedMs: 15 * MIN });
    expect(paused.pauses[0]?.resumedAt).toBeNull();
  });

  it('never counts negative time when now lags behind the events (clock drift) or is unreadable', () => {
    const events = [stepEvent('start', 10)];
    expect(foldStep(events, at(5)).runningMs).toBe(0);
    expect(foldStep(events, 'not a time').runningMs).toBe(0);
  });

  it('orders by device time, not arrival order', () => {
    const start = stepEvent('start', 0);
    const pause = stepEvent('pause', 10, { reasonCode: 'x' });
    const resume = stepEvent('resume', 20);
    const s = foldStep([resume, pause, start], at(30));
    expect(s.timeline.map((e) => e.type)).toEqual(['start', 'pause', 'resume']);
    expect(s).toMatchObject({ status: 'running', runningMs: 20 * MIN, pausedMs: 10 * MIN, anomalies: [] });
  });

  it('counts a replayed event once', () => {
    const start = stepEvent('start', 0);
    const scrap = stepEvent('scrap', 5, { qtyScrap: 2, reasonCode: 'warp' });
    const s = foldStep([start, scrap, { ...scrap }, scrap], at(10));
    expect(s.qtyScrap).toBe(2);
    expect(s.timeline).toHaveLength(2);
  });

  it('keeps events that make no sense as anomalies instead of throwing or double-counting', () => {
    const s = foldStep(
      [
        stepEvent('pause', 0, { reasonCode: 'x' }),
        stepEvent('resume', 1),
        stepEvent('start', 2),
        stepEvent('start', 3),
        stepEvent('complete', 10, { qtyGood: 5 }),
        stepEvent('complete', 11, { qtyGood: 5, qtyScrap: 1 }),
        stepEvent('qc', 12, { qcResult: null }),
      ],
      at(20),
    );
    expect(s).toMatchObject({ status: 'completed', startedAt: at(2), endedAt: at(10), qtyGood: 5, qtyScrap: 0 });
    expect(s.anomalies).toHaveLength(5);
    expect(s.anomalies.join('\n')).toMatch(/pause while pending[\s\S]*resume while pending[\s\S]*start while running/);
    expect(s.anomalies.join('\n')).toMatch(/complete while completed/);
  });

  it('applies a complete without a start, flagged, so the reported parts count', () => {
    const s = foldStep([stepEvent('complete', 5, { qtyGood: 4 })], at(10));
    expect(s).toMatchObject({ status: 'completed', startedAt: null, endedAt: at(5), qtyGood: 4, runningMs: 0 });
    expect(s.anomalies).toHaveLength(1);
  });

  it('completes from a pause, counting the pause up to the end', () => {
    const s = foldStep(
      [stepEvent('start', 0), stepEvent('pause', 10, { reasonCode: 'x' }), stepEvent('complete', 15, { qtyGood: 1 })],
      at(60),
    );
    expect(s).toMatchObject({ status: 'completed', runningMs: 10 * MIN, pausedMs: 5 * MIN, anomalies: [] });
  });

  it('skips a pending step and refuses to start it afterwards', () => {
    const s = foldStep([stepEvent('skip', 0, { reasonCode: 'not_needed' }), stepEvent('start', 5)], at(10));
    expect(s).toMatchObject({ status: 'skipped', endedAt: at(0), startedAt: null });
    expect(s.anomalies).toHaveLength(1);
  });

  it('takes running time out for downtime that overlaps it, and counts downtime once', () => {
    const s = foldStep(
      [
        stepEvent('start', 0),
        stepEvent('downtime', 50, { downtimeFrom: at(20), downtimeTo: at(30), reasonCode: 'power' }),
        stepEvent('downtime', 51, { downtimeFrom: at(25), downtimeTo: at(35), reasonCode: 'power' }),
        stepEvent('complete', 60, { qtyGood: 1 }),
      ],
      at(90),
    );
    expect(s).toMatchObject({ downtimeMs: 15 * MIN, runningMs: 45 * MIN, pausedMs: 0 });
  });

  it('runs an open downtime to now while the step is open, and to the end once it ended', () => {
    const open = stepEvent('downtime', 10, { downtimeFrom: at(10), downtimeTo: null, reasonCode: 'jam' });
    expect(foldStep([stepEvent('start', 0), open], at(40)).downtimeMs).toBe(30 * MIN);
    const done = foldStep([stepEvent('start', 0), open, stepEvent('complete', 20, { qtyGood: 1 })], at(40));
    expect(done.downtimeMs).toBe(10 * MIN);
  });

  it('rejects a downtime that ends before it starts or has no readable interval', () => {
    const s = foldStep(
      [
        stepEvent('downtime', 0, { downtimeFrom: at(20), downtimeTo: at(10) }),
        stepEvent('downtime', 0, { downtimeFrom: 'yesterday', downtimeTo: at(10) }),
      ],
      at(30),
    );
    expect(s.downtimeMs).toBe(0);
    expect(s.anomalies).toHaveLength(2);
  });

  it('keeps notes and the latest QC result', () => {
    const s = foldStep(
      [
        stepEvent('note', 1, { note: 'first layer ok', operatorId: 'op-ben' }),
        stepEvent('qc', 2, { qcResult: 'fail' }),
        stepEvent('qc', 3, { qcResult: 'pass' }),
      ],
      at(5),
    );
    expect(s.qc).toBe('pass');
    expect(s.notes).toEqual([{ at: at(1), operatorId: 'op-ben', note: 'first layer ok' }]);
  });

  it('lists an event with an unreadable time as an anomaly and does not apply it', () => {
    const s = foldStep([stepEvent('start', 0, { at: 'garbage-time' })], at(5));
    expect(s.status).toBe('pending');
    expect(s.anomalies).toHaveLength(1);
  });
});

const TYPES: StepEventType[] = ['start', 'pause', 'resume', 'complete', 'skip', 'scrap', 'note', 'qc', 'downtime'];

/** Random events on a small time grid with few ids, so ties in `at` and replays of an id happen. */
const eventArb = (types: StepEventType[]): fc.Arbitrary<StepEvent> =>
  fc
    .record({
      type: fc.constantFrom(...types),
      minute: fc.integer({ min: 0, max: 30 }),
      id: fc.integer({ min: 0, max: 40 }),
      qtyGood: fc.integer({ min: 0, max: 5 }),
      qtyScrap: fc.integer({ min: 0, max: 3 }),
      qc: fc.constantFrom('pass' as const, 'fail' as const, null),
      operatorId: fc.constantFrom('op-a', 'op-b', ''),
      dtFrom: fc.integer({ min: 0, max: 30 }),
      dtLen: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    })
    .map((r) =>
      stepEvent(r.type, r.minute, {
        id: `ev-${String(r.id).padStart(2, '0')}-${r.type}-${r.minute}`,
        qtyGood: r.qtyGood,
        qtyScrap: r.qtyScrap,
        qcResult: r.qc,
        operatorId: r.operatorId,
        downtimeFrom: at(r.dtFrom),
        downtimeTo: r.dtLen === null ? null : at(r.dtFrom + r.dtLen),
      }),
    );

const permuted = <T>(arb: fc.Arbitrary<T[]>) =>
  arb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));

describe('foldStep properties', () => {
  it('gives the same state for any arrival order (and for replays)', () => {
    fc.assert(
      fc.property(permuted(fc.array(eventArb(TYPES), { maxLength: 25 })), fc.integer({ min: 0, max: 60 }), ([a, b], now) => {
        expect(foldStep(b, at(now))).toEqual(foldStep(a, at(now)));
        expect(foldStep([...b, ...a], at(now))).toEqual(foldStep(a, at(now)));
      }),
    );
  });

  it('splits the elapsed span exactly into running and paused time when no downtime is reported', () => {
    const types: StepEventType[] = ['start', 'pause', 'resume', 'complete', 'skip', 'scrap', 'note', 'qc'];
    fc.assert(
      fc.property(fc.array(eventArb(types), { maxLength: 25 }), fc.integer({ min: 30, max: 90 }), (events, now) => {
        const s = foldStep(events, at(now));
        fc.pre(s.startedAt !== null);
        const end = Date.parse(s.endedAt ?? at(now));
        expect(s.runningMs + s.pausedMs).toBe(end - Date.parse(s.startedAt ?? ''));
        expect(s.runningMs).toBeGreaterThanOrEqual(0);
        expect(s.pausedMs).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('with downtime, loses at most the downtime from the elapsed span, never more', () => {
    fc.assert(
      fc.property(fc.array(eventArb(TYPES), { maxLength: 25 }), fc.integer({ min: 30, max: 90 }), (events, now) => {
        const s = foldStep(events, at(now));
        fc.pre(s.startedAt !== null);
        const span = Date.parse(s.endedAt ?? at(now)) - Date.parse(s.startedAt ?? '');
        expect(s.runningMs + s.pausedMs).toBeLessThanOrEqual(span);
        expect(s.runningMs + s.pausedMs).toBeGreaterThanOrEqual(span - s.downtimeMs);
      }),
    );
  });

  it('adds up scrap from scrap events and the applied complete; good parts from that complete only', () => {
    fc.assert(
      fc.property(fc.array(eventArb(TYPES), { maxLength: 25 }), (events) => {
        const s = foldStep(events, at(60));
        // Anomalies say "ignored" when the event was left out of the state.
        const ignored = (e: StepEvent) => s.anomalies.some((a) => a.startsWith(`${e.id} `) && a.includes('ignored'));
        const applied = s.timeline.filter((e) => !ignored(e));
        const completes = applied.filter((e) => e.type === 'complete');
        expect(completes.length).toBeLessThanOrEqual(1);
        const scrapEvents = applied.filter((e) => e.type === 'scrap').reduce((n, e) => n + e.qtyScrap, 0);
        expect(s.qtyScrap).toBe(scrapEvents + (completes[0]?.qtyScrap ?? 0));
        expect(s.qtyGood).toBe(completes[0]?.qtyGood ?? 0);
      }),
    );
  });

  it('never reports negative or non-finite times, whatever arrives', () => {
    fc.assert(
      fc.property(fc.array(eventArb(TYPES), { maxLength: 25 }), fc.integer({ min: 0, max: 60 }), (events, now) => {
        const s = foldStep(events, at(now));
        for (const v of [s.runningMs, s.pausedMs, s.downtimeMs]) {
          expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
      }),
    );
  });
});
