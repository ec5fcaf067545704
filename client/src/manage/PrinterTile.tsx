import { Link } from '../components/Link.tsx';
import type { PrinterTile as Tile } from './farm-board.ts';

const STATE_LABEL: Record<Tile['state'], string> = {
  offline: 'Offline',
  idle: 'Idle',
  preparing: 'Preparing',
  printing: 'Printing',
  paused: 'Paused',
  finished: 'Finished',
  failed: 'Failed',
  error: 'Error',
};

/** States in which a job's progress means something (an idle printer's 0% is noise). */
const JOB_STATES = new Set<Tile['state']>(['preparing', 'printing', 'paused', 'finished', 'failed']);

function temp(v: number | null, target: number | null): string {
  if (v === null) return '—';
  return target ? `${Math.round(v)}/${Math.round(target)}°` : `${Math.round(v)}°`;
}

function remaining(min: number | null): string {
  if (min === null) return '';
  const h = Math.floor(min / 60);
  const m = Math.round(min % 60);
  return h > 0 ? `${h} h ${m} min left` : `${m} min left`;
}

function silence(s: number | null): string {
  if (s === null) return 'never heard from';
  if (s < 90) return `last heard ${s} s ago`;
  if (s < 5400) return `last heard ${Math.round(s / 60)} min ago`;
  return `last heard ${Math.round(s / 3600)} h ago`;
}

/** One printer on the farm board: big state, job and progress; stale and offline said in words. */
export function PrinterTile({ tile, wall = false }: { tile: Tile; wall?: boolean }) {
  const s = tile.status;
  const stale = tile.freshness === 'stale' || tile.freshness === 'unknown';
  const errors = s?.errors ?? [];
  return (
    <article
      className={`ptile ptile-${tile.state} ${stale ? 'ptile-stale' : ''} ${wall ? 'ptile-wall' : ''}`}
      data-testid="printer-tile"
      data-code={tile.printer.code}
      data-state={tile.state}
      data-freshness={tile.freshness}
    >
      <header className="ptile-head">
        {wall ? (
          <span className="ptile-code">{tile.printer.code}</span>
        ) : (
          // The tile opens the printer's history (jobs, steps, downtime, consumption).
          <Link
            className="ptile-code ptile-link"
            href={`/manage/printer?id=${encodeURIComponent(tile.printer.id)}`}
            data-testid="open-printer-history"
            title={`History of ${tile.printer.code}`}
          >
            {tile.printer.code}
          </Link>
        )}
        <span className="ptile-name">{tile.printer.name}</span>
        <span className="ptile-state" data-testid="printer-state">
          {STATE_LABEL[tile.state]}
        </span>
      </header>
      {stale ? (
        <p className="ptile-stale-note" data-testid="printer-stale">
          {tile.freshness === 'unknown' ? 'No status yet' : `Not live — ${silence(tile.silentForS)}`}
        </p>
      ) : null}
      <p className="ptile-job" title={s?.jobName ?? ''}>
        {s?.jobName ?? (tile.state === 'idle' ? 'No job' : '\u00a0')}
      </p>
      {s?.progress !== null && s?.progress !== undefined && JOB_STATES.has(tile.state) ? (
        <div className="ptile-progress">
          <div
            className="pbar"
            role="progressbar"
            aria-valuenow={Math.round(s.progress)}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ width: `${s.progress}%` }} />
          </div>
          <span className="ptile-pct">{Math.round(s.progress)}%</span>
          <span className="ptile-left">{remaining(s.remainingMinutes)}</span>
        </div>
      ) : null}
      {!wall ? (
        <p className="ptile-temps">
          Nozzle {temp(s?.nozzleTemp ?? null, s?.nozzleTarget ?? null)} · Bed{' '}
          {temp(s?.bedTemp ?? null, s?.bedTarget ?? null)}
          {s?.layer !== null && s?.layer !== undefined && s.totalLayers
            ? ` · layer ${s.layer}/${s.totalLayers}`
            : ''}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <ul className="ptile-errors" data-testid="printer-errors">
          {errors.slice(0, wall ? 1 : 3).map((e) => (
            <li key={e.code} className={`sev-${e.severity}`}>
              {e.text || e.code}
            </li>
          ))}
        </ul>
      ) : null}
      {tile.floorStep ? (
        <p
          className="ptile-step"
          data-testid="printer-floor-step"
          data-wo-code={tile.floorStep.workOrderCode}
        >
          {tile.floorStep.status === 'paused' ? '❚❚' : '▶'} {tile.floorStep.workOrderCode} ·{' '}
          {tile.floorStep.operationName}
        </p>
      ) : null}
      <footer className="ptile-spools" aria-label="Loaded filament">
        {tile.loaded.length === 0 ? <span className="muted">No spool loaded</span> : null}
        {tile.loaded.map((l) => (
          <span key={l.code} className="ptile-spool" title={`${l.slot} · ${l.code} · ${l.material}`}>
            <span className="ptile-dot" style={{ background: l.colorHex }} />
            {wall ? null : <span>{l.material}</span>}
          </span>
        ))}
      </footer>
    </article>
  );
}
