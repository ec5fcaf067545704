import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Link } from '../components/Link.tsx';
import { stateCounts } from './farm-board.ts';
import { PrinterTile } from './PrinterTile.tsx';
import { useFarmTiles } from './use-farm-tiles.ts';
import { wallLayout } from './wall-layout.ts';

/** The grid's size in CSS px, followed as the window (or the wall's browser zoom) changes. */
function useBoxSize<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, ...size };
}

/**
 * /manage/wall: the farm for a screen across the room. Covers the whole viewport (over the app
 * shell, so the shell needs no wall-specific code), dark, big type, no controls except the exit.
 * Problems first: errors and failures sort to the top-left where the eye lands. The tiles grow to
 * fill the screen (wall-layout.ts): twelve printers on a 1920×1080 wall are drawn a third larger.
 */
const ORDER: Record<string, number> = {
  error: 0,
  failed: 1,
  paused: 2,
  finished: 3,
  printing: 4,
  preparing: 5,
  idle: 6,
  offline: 7,
};

export function WallScreen() {
  const { tiles, connected, now } = useFarmTiles('location');
  const counts = stateCounts(tiles);
  useEffect(() => {
    document.body.classList.add('wall-open');
    return () => document.body.classList.remove('wall-open');
  }, []);
  const sorted = [...tiles].sort(
    (a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9) || a.printer.code.localeCompare(b.printer.code),
  );
  const grid = useBoxSize<HTMLDivElement>();
  const layout = wallLayout(sorted.length, grid.width, grid.height);
  const gridStyle = {
    gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
    '--wall-scale': layout.scale,
  } as CSSProperties;
  const time = new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="wall" data-testid="wall">
      <header className="wall-head">
        <span className="wall-title">Farm</span>
        {(['printing', 'preparing', 'idle', 'paused', 'finished', 'error', 'failed', 'offline'] as const).map(
          (s) =>
            counts.get(s) ? (
              <span key={s} className={`wall-count wc-${s}`}>
                {counts.get(s)} {s}
              </span>
            ) : null,
        )}
        <span className="spacer" />
        <span className={`live-dot ${connected ? 'on' : 'off'}`}>{connected ? 'Live' : 'NOT LIVE'}</span>
        <span className="wall-clock">{time}</span>
        <Link className="wall-exit" href="/manage/farm" aria-label="Leave wall mode">
          ✕
        </Link>
      </header>
      <div
        className="wall-grid"
        ref={grid.ref}
        style={gridStyle}
        data-columns={layout.columns}
        data-scale={layout.scale}
      >
        {sorted.map((t) => (
          <PrinterTile key={t.printer.id} tile={t} wall />
        ))}
      </div>
    </div>
  );
}
