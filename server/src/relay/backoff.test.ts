import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('grows exponentially to the cap and always lies in the upper half of its step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const bounds = { minMs: 1000, maxMs: 30_000 };
          const step = Math.min(30_000, 1000 * 2 ** Math.min(Math.max(n, 0), 30));
          const d = backoffDelay(n, bounds, () => r);
          expect(d).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(d).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('spreads printers that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, { minMs: 1000, maxMs: 30_000 })));
    expect(delays.size).toBeGreaterThan(10);
  });
});
