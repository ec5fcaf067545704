import { describe, expect, it } from 'vitest';
import { WALL_GAP, WALL_MAX_SCALE, WALL_TILE, wallLayout } from './wall-layout.ts';

/** Width and height the layout's tiles take, gaps included. */
function extent(count: number, l: { columns: number; scale: number }) {
  const rows = Math.ceil(count / l.columns);
  return {
    width: l.columns * WALL_TILE.width * l.scale + (l.columns - 1) * WALL_GAP,
    height: rows * WALL_TILE.height * l.scale + (rows - 1) * WALL_GAP,
  };
}

describe('wallLayout', () => {
  it('fills a 1920×1080 wall with twelve printers in 4 columns, a third larger than base', () => {
    // By hand: 4 × 3 → min((1888 − 36)/1400, (1000 − 24)/615) = min(1.323, 1.587) = 1.32;
    // 5 × 3 → 1852/1750 = 1.058; 3 × 4 → min(1864/1050, 964/820) = 1.175.
    expect(wallLayout(12, 1888, 1000)).toEqual({ columns: 4, scale: 1.32 });
  });

  it('never lays out more than fits the screen', () => {
    for (const [n, w, h] of [
      [1, 1888, 1000],
      [7, 1888, 1000],
      [13, 1888, 1000],
      [40, 3800, 2100],
      [9, 1248, 760],
    ] as const) {
      const l = wallLayout(n, w, h);
      const e = extent(n, l);
      expect(e.width, `${n} in ${w}×${h}`).toBeLessThanOrEqual(w + 0.5);
      expect(e.height, `${n} in ${w}×${h}`).toBeLessThanOrEqual(h + 0.5);
      expect(l.scale).toBeGreaterThanOrEqual(1);
      expect(l.scale).toBeLessThanOrEqual(WALL_MAX_SCALE);
    }
  });

  it('caps the scale for a farm of one or two', () => {
    expect(wallLayout(1, 1888, 1000).scale).toBe(WALL_MAX_SCALE);
  });

  it('keeps base-size tiles and scrolls when a big farm cannot fit', () => {
    // 500 printers on 1920 px: 5 base columns of 350 px (5 × 362 − 12 = 1798 ≤ 1888).
    expect(wallLayout(500, 1888, 1000)).toEqual({ columns: 5, scale: 1 });
  });

  it('answers something drawable for an empty farm or a zero-size screen', () => {
    expect(wallLayout(0, 1888, 1000)).toEqual({ columns: 5, scale: 1 });
    expect(wallLayout(12, 0, 0)).toEqual({ columns: 1, scale: 1 });
  });
});
