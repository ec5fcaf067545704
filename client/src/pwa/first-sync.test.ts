import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fetchServerCounts, firstSyncProgress } from './first-sync.ts';

describe('first sync progress', () => {
  it('counts documents so far of the total per collection', () => {
    const p = firstSyncProgress(
      ['work_orders', 'spools'],
      { work_orders: 10, spools: 0 },
      { work_orders: 25, spools: 40 },
    );
    expect(p.rows).toEqual([
      { name: 'work_orders', have: 10, total: 25 },
      { name: 'spools', have: 0, total: 40 },
    ]);
    expect(p.share).toBeCloseTo(10 / 65);
    expect(p.complete).toBe(false);
  });

  it('has no share without totals, and never passes 100 % (local edits can outnumber the server)', () => {
    expect(firstSyncProgress(['a'], { a: 5 }, null)).toMatchObject({ share: null, complete: false });
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (have, total) => {
        const p = firstSyncProgress(['a'], { a: have }, { a: total });
        expect(p.share).toBeGreaterThanOrEqual(0);
        expect(p.share).toBeLessThanOrEqual(1);
        expect(p.complete).toBe(have >= total);
      }),
    );
  });

  it('reads the count endpoint and treats its absence as unknown', async () => {
    const ok = (body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body)));
    expect(await fetchServerCounts(ok({ counts: { a: 3, b: -1, c: 'x' } }))).toEqual({ a: 3 });
    expect(await fetchServerCounts(() => Promise.reject(new Error('404')))).toBeNull();
    expect(await fetchServerCounts(ok({ nope: 1 }))).toBeNull();
  });
});
