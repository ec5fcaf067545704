import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SpoolMovement } from '../domain/spools.ts';
import { SPOOL_MOVEMENT_TYPES } from '../domain/spools.ts';
import { foldSpoolLedger, stockLevel } from './spool-ledger.ts';
import { at, movement } from './test-helpers.ts';

describe('stockLevel', () => {
  it.each([
    [100, 'ok'],
    [25.01, 'ok'],
    [25, 'low'],
    [10.5, 'low'],
    [10, 'critical'],
    [0.1, 'critical'],
    [0, 'empty'],
    [-5, 'empty'],
    [Number.NaN, 'empty'],
  ] as const)('%s %% is %s', (percent, level) => {
    expect(stockLevel(percent)).toBe(level);
  });
});

describe('foldSpoolLedger examples', () => {
  it('receives, consumes and adjusts', () => {
    const s = foldSpoolLedger(
      [movement('receive', 0, 1000), movement('consume', 10, 120.5), movement('adjust', 20, -4.5)],
      1000,
    );
    expect(s).toMatchObject({ remainingG: 875, receivedG: 1000, consumedG: 120.5, percent: 87.5, level: 'ok' });
    expect(s.estimated).toBe(false);
  });

  it('treats a weigh-in as an absolute measurement; later consumption subtracts from it', () => {
    const s = foldSpoolLedger(
      [
        movement('receive', 0, 1000),
        movement('consume', 10, 300, { estimated: true }),
        movement('weigh_in', 20, 650, { grossWeightG: 900 }),
        movement('consume', 30, 50),
      ],
      1000,
    );
    expect(s).toMatchObject({ remainingG: 600, consumedG: 350, lastWeighInAt: at(20), estimated: false });
  });

  it('marks remaining as estimated after estimated consumption since the last weigh-in', () => {
    const s = foldSpoolLedger(
      [movement('receive', 0, 1000), movement('weigh_in', 5, 990), movement('consume', 10, 40, { estimated: true })],
      1000,
    );
    expect(s).toMatchObject({ remainingG: 950, estimated: true });
  });

  it('orders by device time: a weigh-in recorded late by a tablet still lands where it happened', () => {
    const weigh = movement('weigh_in', 20, 500);
    const later = movement('consume', 30, 100);
    const earlier = movement('consume', 10, 999);
    expect(foldSpoolLedger([later, weigh, earlier, movement('receive', 0, 1000)], 1000).remainingG).toBe(400);
  });

  it('tracks where the spool is loaded', () => {
    const loaded = foldSpoolLedger([movement('load', 0, 0, { printerId: 'pr-7', slot: 'AMS1-2' })], 1000);
    expect(loaded).toMatchObject({ loadedPrinterId: 'pr-7', loadedSlot: 'AMS1-2' });
    const unloaded = foldSpoolLedger(
      [movement('load', 0, 0, { printerId: 'pr-7', slot: 'AMS1-2' }), movement('unload', 5, 0)],
      1000,
    );
    expect(unloaded).toMatchObject({ loadedPrinterId: null, loadedSlot: null });
  });

  it('a disposed spool is empty with nothing left', () => {
    const s = foldSpoolLedger([movement('receive', 0, 1000), movement('dispose', 5, 0)], 1000);
    expect(s).toMatchObject({ disposed: true, remainingG: 0, percent: 0, level: 'empty' });
  });

  it('colours by percent of the nominal net weight', () => {
    const ledger = (consumed: number) => foldSpoolLedger([movement('receive', 0, 1000), movement('consume', 1, consumed)], 1000);
    expect(ledger(750).level).toBe('low');
    expect(ledger(900).level).toBe('critical');
    expect(ledger(1000).level).toBe('empty');
    expect(ledger(1100)).toMatchObject({ remainingG: -100, percent: 0, level: 'empty' });
  });

  it('without a receive, starts from the nominal net weight', () => {
    expect(foldSpoolLedger([movement('consume', 0, 100)], 750)).toMatchObject({ remainingG: 650, receivedG: 750 });
    expect(foldSpoolLedger([], 0)).toMatchObject({ remainingG: 0, percent: 0, level: 'empty' });
  });

  it('uses the grams received as capacity when the nominal weight is unknown', () => {
    expect(foldSpoolLedger([movement('receive', 0, 500), movement('consume', 1, 250)], 0).percent).toBe(50);
  });

  it('counts a replayed movement once', () => {
    const c = movement('consume', 5, 10);
    expect(foldSpoolLedger([movement('receive', 0, 100), c, { ...c }], 100).remainingG).toBe(90);
  });
});

/** Grams to 0.001 g, the ledger's resolution. */
const gramsArb = fc.integer({ min: 0, max: 2_000_000 }).map((mg) => mg / 1000);

const movementArb: fc.Arbitrary<SpoolMovement> = fc
  .record({
    type: fc.constantFrom(...SPOOL_MOVEMENT_TYPES),
    minute: fc.integer({ min: 0, max: 50 }),
    grams: fc.oneof(gramsArb, gramsArb.map((g) => -g)),
    estimated: fc.boolean(),
    id: fc.integer({ min: 0, max: 60 }),
  })
  .map((r) => movement(r.type, r.minute, r.grams, { id: `mv-${r.id}-${r.type}-${r.minute}`, estimated: r.estimated }));

describe('foldSpoolLedger properties', () => {
  it('two tablets’ consumptions commute: the sum is exact whatever the order', () => {
    fc.assert(
      fc.property(fc.array(gramsArb, { maxLength: 30 }), fc.array(gramsArb, { maxLength: 30 }), (a, b) => {
        const tablet = (name: string, gs: number[]) =>
          gs.map((g, i) => movement('consume', 10 + (i % 7), g, { id: `${name}-${i}`, deviceId: name }));
        const received = movement('receive', 0, 5000, { id: 'rcv' });
        const ab = foldSpoolLedger([received, ...tablet('A', a), ...tablet('B', b)], 5000);
        const ba = foldSpoolLedger([...tablet('B', b).reverse(), received, ...tablet('A', a)], 5000);
        const totalMg = [...a, ...b].reduce((n, g) => n + Math.round(g * 1000), 0);
        expect(ab.consumedG).toBe(totalMg / 1000);
        expect(ab.remainingG).toBe((5_000_000 - totalMg) / 1000);
        expect(ba).toEqual(ab);
      }),
    );
  });

  it('gives the same state for any arrival order of any ledger', () => {
    fc.assert(
      fc.property(
        fc.array(movementArb, { maxLength: 30 }).chain((xs) =>
          fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })),
        ),
        ([a, b]) => {
          expect(foldSpoolLedger(b, 1000)).toEqual(foldSpoolLedger(a, 1000));
        },
      ),
    );
  });

  it('a weigh-in resets remaining; only what follows it counts', () => {
    fc.assert(
      fc.property(
        fc.array(movementArb, { maxLength: 20 }),
        gramsArb,
        fc.array(gramsArb, { maxLength: 10 }),
        (before, weighed, after) => {
          // `before` lies within minutes 0–50, all before the weigh-in at minute 100.
          const weigh = movement('weigh_in', 100, weighed, { id: 'weigh' });
          const consumes = after.map((g, i) => movement('consume', 101 + i, g, { id: `after-${i}` }));
          const s = foldSpoolLedger([...consumes, weigh, ...before], 1000);
          fc.pre(!s.disposed);
          const afterMg = after.reduce((n, g) => n + Math.round(g * 1000), 0);
          expect(s.remainingG).toBe((Math.round(weighed * 1000) - afterMg) / 1000);
          expect(s.lastWeighInAt).toBe(at(100));
          expect(s.estimated).toBe(false);
        },
      ),
    );
  });

  it('never yields NaN or infinities, whatever the grams and net weight', () => {
    const wild = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308));
    fc.assert(
      fc.property(fc.array(fc.tuple(movementArb, wild), { maxLength: 20 }), wild, (pairs, net) => {
        const s = foldSpoolLedger(
          pairs.map(([m, g]) => ({ ...m, grams: g })),
          net,
        );
        for (const v of [s.remainingG, s.receivedG, s.consumedG, s.percent]) expect(Number.isFinite(v)).toBe(true);
        expect(s.percent).toBeGreaterThanOrEqual(0);
        expect(s.percent).toBeLessThanOrEqual(100);
      }),
    );
  });
});
