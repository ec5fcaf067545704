import { describe, expect, it } from 'vitest';
import { visibleRange } from './VirtualList.tsx';

describe('visibleRange (the virtual list window)', () => {
  it('renders a screenful plus overscan at the top', () => {
    expect(visibleRange(5000, 84, 0, 800, 6)).toEqual([0, 16]);
  });

  it('follows the scroll position in the middle of a long list', () => {
    // 84,000 px down = row 1,000; 800 px of viewport ≈ 10 rows; 6 rows either side.
    expect(visibleRange(5000, 84, 84_000, 800, 6)).toEqual([994, 1016]);
  });

  it('still shows the rows when a search shrinks a list scrolled to its end', () => {
    // The operator scrolled to row 4,990 of 5,000, then searched: one row matches. The last
    // scroll event still says 419,000 px; the window must hold that one row, not nothing.
    expect(visibleRange(1, 84, 419_000, 800, 6)).toEqual([0, 1]);
    expect(visibleRange(40, 84, 419_000, 800, 6)).toEqual([24, 40]);
  });

  it('is empty only for an empty list, and never inverted', () => {
    expect(visibleRange(0, 84, 5000, 800)).toEqual([0, 0]);
    const [first, last] = visibleRange(3, 84, -200, 0);
    expect(first).toBe(0);
    expect(last).toBeGreaterThanOrEqual(first);
  });
});
