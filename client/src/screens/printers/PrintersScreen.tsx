import { useMemo, useState } from 'react';
import type { Printer } from '@printfloor/shared';
import type { PrinterLive } from '../../floor/printer-live.ts';
import { Link } from '../../components/Link.tsx';
import { StepBadge } from '../../components/Badge.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { buildStationView, type FloorStep } from '../../floor/station-view.ts';
import { useFloor, useFloorVersion } from '../../hooks/use-floor.ts';
import { useQuery } from '../../hooks/use-query.ts';
import { LivePrinterBadge, usePrintersLive } from './LivePrinterCard.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';

/** What runs on each printer now (running or paused steps), from the floor index. */
export function useRunningByPrinter(): Map<string, FloorStep[]> {
  const { index } = useFloor();
  const version = useFloorVersion();
  return useMemo(() => {
    const out = new Map<string, FloorStep[]>();
    if (version < 0) return out;
    for (const f of index.active()) {
      for (const op of f.ops) {
        const s = f.state.stepStates[op.id];
        const printerId = s?.printerId ?? op.printerId;
        if (!s || !printerId || (s.status !== 'running' && s.status !== 'paused')) continue;
        const view = buildStationView([f], { kind: 'printer', id: printerId });
        const list = out.get(printerId) ?? [];
        list.push(...view.running.filter((x) => x.op.id === op.id));
        out.set(printerId, list);
      }
    }
    return out;
  }, [index, version]);
}

/** The printer's own job and time left, when it reports one (prefix of the row's second line). */
function liveJob(v: PrinterLive): string {
  if (!v.jobName || v.state === 'idle' || v.state === 'offline') return '';
  return `${v.jobName}${v.remaining ? ` · ${v.remaining}` : ''} — `;
}

/** Printers with what runs on them now: the live printer status and the floor's step. */
export function PrintersScreen() {
  const { docs, loading } = useQuery('printers', {});
  const running = useRunningByPrinter();
  const live = usePrintersLive();
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return docs
      .filter((p) => !needle || `${p.code} ${p.name} ${p.model} ${p.location}`.toLowerCase().includes(needle))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.code.localeCompare(b.code));
  }, [docs, q]);

  const row = (p: Printer, style: { top: number; height: number }) => {
    const now = running.get(p.id) ?? [];
    const first = now[0];
    return (
      <Link
        className="row"
        role="listitem"
        style={style}
        href={`/printers/${encodeURIComponent(p.id)}`}
        data-testid="printer-row"
        data-code={p.code}
      >
        <div className="main">
          <div className="title">
            {p.code} · {p.name}
          </div>
          <div className="sub">
            {liveJob(live.get(p.code))}
            {first
              ? `${first.wo.code} · ${first.op.code} ${first.op.name}${now.length > 1 ? ` (+${now.length - 1} more)` : ''}`
              : p.active
                ? 'No step running'
                : 'Inactive'}
          </div>
        </div>
        <div className="end printer-row-end">
          {p.active ? <LivePrinterBadge v={live.get(p.code)} /> : null}
          {first ? <StepBadge status={first.state.status} /> : <span className="muted">{p.location}</span>}
        </div>
      </Link>
    );
  };

  return (
    <div className="page-list">
      <div className="page-head">
        <h1>Printers</h1>
        <SearchBox label="Search printers" value={q} onChange={setQ} />
      </div>
      <div className="vlist-count">
        {loading
          ? 'Loading…'
          : `${rows.length} printers · ${[...running.values()].filter((l) => l.length > 0).length} busy`}
      </div>
      <VirtualList
        label="Printers"
        items={rows}
        rowHeight={84}
        getKey={(p) => p.id}
        empty={
          loading
            ? 'Loading printers…'
            : q
              ? 'No printer matches.'
              : 'No printers on this tablet yet — they appear once synced.'
        }
        renderRow={row}
      />
    </div>
  );
}
