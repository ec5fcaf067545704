import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Interval, measure, measureExcluding, orderAndDedupe, toMs, unionIntervals } from './time.ts';

const intervalArb: fc.Arbitrary<Interval> = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 }))
  .map(([from, len]) => ({ from, to: from + len }));
const intervalsArb = fc.array(intervalArb, { maxLength: 12 });

/** Brute force over the unit grid: how many unit cells the predicate covers. */
const cells = (pred: (x: number) => boolean) => Array.from({ length: 131 }, (_, x) => x).filter(pred).length;
const covers = (is: Interval[]) => (x: number) => is.some((i) => i.from <= x && x + 1 <= i.to);

describe('interval arithmetic', () => {
  it('measure counts overlaps once', () => {
    fc.assert(
      fc.property(intervalsArb, (is) => {
        expect(measure(is)).toBe(cells(covers(is)));
      }),
    );
  });

  it('measureExcluding removes exactly the covered part', () => {
    fc.assert(
      fc.property(intervalsArb, intervalsArb, (a, c) => {
        expect(measureExcluding(a, c)).toBe(cells((x) => covers(a)(x) && !covers(c)(x)));
      }),
    );
  });

  it('unionIntervals returns sorted, disjoint, non-empty intervals', () => {
    fc.assert(
      fc.property(intervalsArb, (is) => {
        const u = unionIntervals(is);
        u.forEach((i, k) => {
          expect(i.to).toBeGreaterThan(i.from);
          if (k > 0) expect(i.from).toBeGreaterThan(u[k - 1]?.to ?? -1);
        });
      }),
    );
  });

  it('drops unreadable intervals', () => {
    expect(measure([{ from: Number.NaN, to: 5 }, { from: 0, to: Number.POSITIVE_INFINITY }])).toBe(0);
  });
});

describe('toMs', () => {
  it('reads ISO strings, epoch numbers and Dates, and NaN for anything else', () => {
    expect(toMs('2024-05-01T08:00:00.000Z')).toBe(Date.UTC(2024, 4, 1, 8));
    expect(toMs(5)).toBe(5);
    expect(toMs(new Date(7))).toBe(7);
    expect(toMs('nope')).toBeNaN();
    expect(toMs(null)).toBeNaN();
    expect(toMs(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe('orderAndDedupe', () => {
  it('orders by parsed time across time-zone offsets, then id, with unreadable times last', () => {
    const recs = [
      { id: 'c', at: 'garbage' },
      { id: 'b', at: '2024-05-01T10:00:00+02:00' }, // 08:00Z
      { id: 'a', at: '2024-05-01T09:00:00Z' },
      { id: 'a2', at: '2024-05-01T08:00:00.000Z' },
    ];
    expect(orderAndDedupe(recs).map((r) => r.id)).toEqual(['a2', 'b', 'a', 'c']);
  });

  it('keeps one copy per id, the same one whatever the arrival order', () => {
    const x = { id: 'x', at: '2024-05-01T08:00:00Z', v: 1 };
    const y = { id: 'x', at: '2024-05-01T08:00:00Z', v: 2 };
    expect(orderAndDedupe([x, y])).toEqual(orderAndDedupe([y, x]));
    expect(orderAndDedupe([x, y])).toHaveLength(1);
  });
});
