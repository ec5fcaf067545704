/**
 * The wall's grid: as many columns as make every tile as large as the screen allows, so a farm of
 * twelve fills a 1920×1080 wall with big type instead of a corner of small tiles. A tile is drawn at
 * `scale` × its base size (fonts, bars, dots and its minimum height follow `--wall-scale`). When
 * even scale 1 does not fit every tile on the screen (a farm of hundreds), the wall keeps base-size
 * tiles in as many columns as fit and scrolls.
 */
export interface WallLayout {
  columns: number;
  scale: number;
}

/** A wall tile's size at scale 1, in CSS px (what the wall's CSS draws: 350 wide, ~205 tall). */
export const WALL_TILE = { width: 350, height: 205 } as const;
export const WALL_GAP = 12;
/** Larger than this the tiles read as posters and a few printers look like a broken page. */
export const WALL_MAX_SCALE = 2.4;

export function wallLayout(
  count: number,
  width: number,
  height: number,
  tile: { width: number; height: number } = WALL_TILE,
  gap: number = WALL_GAP,
  maxScale: number = WALL_MAX_SCALE,
): WallLayout {
  const fallback: WallLayout = {
    columns: Math.max(1, Math.floor((width + gap) / (tile.width + gap))),
    scale: 1,
  };
  if (count <= 0 || width <= 0 || height <= 0) return fallback;
  let best: WallLayout | null = null;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const scale = Math.min(
      (width - gap * (columns - 1)) / (columns * tile.width),
      (height - gap * (rows - 1)) / (rows * tile.height),
      maxScale,
    );
    if (best === null || scale > best.scale) best = { columns, scale };
  }
  return best !== null && best.scale >= 1
    ? { columns: best.columns, scale: Math.floor(best.scale * 100) / 100 }
    : fallback;
}
