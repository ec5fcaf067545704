import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dropIndex, dropPriority } from './order-drag.ts';

describe('dropPriority', () => {
  // Column: P1, P2, P3, P3, P5 (index 0…4).
  const col = [1, 2, 3, 3, 5];
  it('takes the priority of the card it is dropped above when moved up', () => {
    expect(dropPriority(col, 4, 1)).toBe(2); // the P5 card dropped between P1 and P2
    expect(dropPriority(col, 3, 2)).toBe(3); // within its own band: unchanged
  });
  it('goes one above the first card when dropped first at its own priority', () => {
    expect(dropPriority([3, 3, 4], 1, 0)).toBe(2);
    expect(dropPriority([1, 1], 1, 0)).toBe(1);
    expect(dropPriority(col, 2, 0)).toBe(1);
  });
  it('takes the priority of the card it is dropped below when moved down', () => {
    expect(dropPriority(col, 0, 2)).toBe(3); // P1 dropped after the first P3
    expect(dropPriority(col, 0, 4)).toBe(5); // dropped last, below the P5
    expect(dropPriority([2, 2], 0, 1)).toBe(3);
    expect(dropPriority([5, 5], 0, 1)).toBe(5);
  });
  it('never leaves 1…5 and never moves the wrong way', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }).map((a) => a.sort()), fc.nat(), fc.nat(), (p, f, t) => {
        const from = f % p.length;
        const to = t % p.length;
        const r = dropPriority(p, from, to);
        expect(r).toBeGreaterThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(5);
        if (to < from) expect(r).toBeLessThanOrEqual(p[from]!);
        if (to > from) expect(r).toBeGreaterThanOrEqual(p[from]!);
        if (to === from) expect(r).toBe(p[from]);
      }),
    );
  });
});

describe('dropIndex', () => {
  it('counts the cards whose middle is above the dragged middle', () => {
    expect(dropIndex([50, 150, 250], 10)).toBe(0);
    expect(dropIndex([50, 150, 250], 200)).toBe(2);
    expect(dropIndex([50, 150, 250], 400)).toBe(3);
  });
});
