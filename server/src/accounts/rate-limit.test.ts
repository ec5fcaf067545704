import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows `capacity` attempts, then refuses until a token refills', () => {
    let t = 0;
    const rl = new RateLimiter(3, 1000, () => t);
    expect([rl.take('k'), rl.take('k'), rl.take('k')]).toEqual([0, 0, 0]);
    expect(rl.take('k')).toBe(1000);
    t = 999;
    expect(rl.take('k')).toBeGreaterThan(0);
    t = 1000;
    expect(rl.take('k')).toBe(0);
    expect(rl.take('other')).toBe(0);
  });

  it('never allows more than capacity + elapsed/refill attempts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 }), (gaps) => {
        let t = 0;
        const rl = new RateLimiter(5, 1000, () => t);
        let allowed = 0;
        for (const g of gaps) {
          t += g;
          if (rl.take('k') === 0) allowed++;
        }
        return allowed <= 5 + Math.floor(t / 1000);
      }),
    );
  });

  it('bounds memory under many distinct keys', () => {
    const rl = new RateLimiter(1, 1000, () => 0, 100);
    for (let i = 0; i < 1000; i++) rl.take(`k${i}`);
    expect(rl.take('k999')).toBeGreaterThan(0); // the newest key is still remembered
  });
});
