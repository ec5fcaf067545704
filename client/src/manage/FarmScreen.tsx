import { useState } from 'react';
import { PRINTER_STATES, type PrinterState } from '@printfloor/shared';
import { Link } from '../components/Link.tsx';
import { groupTiles, stateCounts, type GroupBy, type PrinterTile as Tile } from './farm-board.ts';
import { PrinterTile } from './PrinterTile.tsx';
import { useFarmTiles } from './use-farm-tiles.ts';
import { downloadCsv, toCsv } from './csv.ts';

const TILE_CSV = [
  { header: 'code', value: (t: Tile) => t.printer.code },
  { header: 'name', value: (t: Tile) => t.printer.name },
  { header: 'group', value: (t: Tile) => t.group },
  { header: 'state', value: (t: Tile) => t.state },
  { header: 'freshness', value: (t: Tile) => t.freshness },
  { header: 'job', value: (t: Tile) => t.status?.jobName ?? '' },
  { header: 'progress_pct', value: (t: Tile) => t.status?.progress ?? '' },
  { header: 'remaining_min', value: (t: Tile) => t.status?.remainingMinutes ?? '' },
  { header: 'last_seen', value: (t: Tile) => t.status?.lastSeen ?? '' },
  { header: 'errors', value: (t: Tile) => (t.status?.errors ?? []).map((e) => e.code).join(' ') },
  { header: 'loaded_spools', value: (t: Tile) => t.loaded.map((l) => `${l.slot}:${l.code}`).join(' ') },
];

export function StreamBanner({ connected }: { connected: boolean }) {
  if (connected) return null;
  return (
    <div className="banner" role="alert" data-testid="stream-down">
      Live printer status is not connected — tiles show the last known status, marked “Not live”.
    </div>
  );
}

/** /manage/farm: every printer as a tile, grouped, filterable by state. */
export function FarmScreen() {
  const [groupBy, setGroupBy] = useState<GroupBy>('location');
  const [filter, setFilter] = useState<PrinterState | 'all'>('all');
  const { tiles, connected, loading } = useFarmTiles(groupBy);
  const counts = stateCounts(tiles);
  const shown = filter === 'all' ? tiles : tiles.filter((t) => t.state === filter);
  return (
    <div className="manage-page" data-testid="farm-board">
      <div className="manage-head">
        <h1>Live farm</h1>
        <span className={`live-dot ${connected ? 'on' : 'off'}`} data-testid="live-indicator">
          {connected ? 'Live' : 'Not live'}
        </span>
        <span className="spacer" />
        <label className="inline-select">
          Group by{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            <option value="location">Location</option>
            <option value="work_center">Work center</option>
          </select>
        </label>
        <button className="btn" onClick={() => downloadCsv('printers.csv', toCsv(tiles, TILE_CSV))}>
          Export CSV
        </button>
        <Link className="btn btn-primary" href="/manage/wall" data-testid="open-wall">
          Wall mode
        </Link>
      </div>
      <StreamBanner connected={connected} />
      <div className="chips state-filter" role="group" aria-label="Filter by state">
        <button className="chip" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
          All <b>{tiles.length}</b>
        </button>
        {PRINTER_STATES.filter((s) => counts.has(s)).map((s) => (
          <button
            key={s}
            className={`chip chip-${s}`}
            aria-pressed={filter === s}
            onClick={() => setFilter(s)}
          >
            {s} <b>{counts.get(s)}</b>
          </button>
        ))}
      </div>
      {loading ? <p className="muted">Loading printers…</p> : null}
      {!loading && tiles.length === 0 ? <p className="empty">No printers yet.</p> : null}
      <div className="farm-groups">
        {groupTiles(shown).map(([group, list]) => (
          // A group is as wide as its tiles (a bay with one printer does not take a whole row).
          <section
            key={group}
            className="farm-group"
            style={{ flex: `${list.length} 1 ${list.length * 262}px` }}
          >
            <h2>
              {group} <span className="muted">({list.length})</span>
            </h2>
            <div className="ptiles">
              {list.map((t) => (
                <PrinterTile key={t.printer.id} tile={t} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
