import { useEffect } from 'react';
import { Link } from '../components/Link.tsx';
import { stateCounts } from './farm-board.ts';
import { PrinterTile } from './PrinterTile.tsx';
import { useFarmTiles } from './use-farm-tiles.ts';

/**
 * /manage/wall: the farm for a screen across the room. Covers the whole viewport (over the app
 * shell, so the shell needs no wall-specific code), dark, big type, no controls except the exit.
 * Problems first: errors and failures sort to the top-left where the eye lands.
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
      <div className="wall-grid">
        {sorted.map((t) => (
          <PrinterTile key={t.printer.id} tile={t} wall />
        ))}
      </div>
    </div>
  );
}
