import { useMemo, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { useNow } from '../hooks/use-now.ts';
import { useLookup, useQuery } from '../hooks/use-query.ts';
import { printerHistory } from './aggregates/history.ts';
import { PrinterEventsSection, usePrinterEvents } from './PrinterEventsSection.tsx';
import { eventTone, latestEventByOperation } from './printer-events.ts';

const hm = (ms: number) => {
  const m = Math.round(ms / 60_000);
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}` : `${m} min`;
};
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }) : '—');
const MAX_ROWS = 100;

/**
 * /manage/printer?id=<printer id>: the printer's jobs and steps, downtime and maintenance, and
 * filament used (from the local replicated data), and the state changes the printer itself reported
 * through the relay (from the server: `GET /api/manage/printers/:id/events`). A job row shows the
 * newest relay event linked to its step, so "the tablet says completed, the printer says failed" reads at a glance.
 */
export function PrinterHistoryScreen() {
  const [id] = useState(() => new URLSearchParams(location.search).get('id') ?? '');
  const now = useNow(60_000);
  const printers = useLookup('printers');
  const wos = useLookup('work_orders');
  const spools = useLookup('spools');
  const reasons = useLookup('downtime_reasons');
  const workCenters = useLookup('work_centers');
  const { docs: events, loading } = useQuery('step_events', {});
  const { docs: ops } = useQuery('operations', {});
  const { docs: movements, loading: movementsLoading } = useQuery('spool_movements', { selector: { printerId: id } }, [id]);
  const opsById = useMemo(() => new Map(ops.map((o) => [o.id, o])), [ops]);
  const h = useMemo(() => printerHistory(id, events, opsById, movements, now), [id, events, opsById, movements, now]);
  const reasonBy = useMemo(() => new Map([...reasons.values()].map((r) => [r.code, r])), [reasons]);
  const p = printers.get(id);
  const loaded = [...spools.values()].filter((s) => s.loadedPrinterId === id);
  const [hours, setHours] = useState(24 * 7);
  const relay = usePrinterEvents(id, hours);
  const relayByOp = useMemo(() => latestEventByOperation(relay.load.state === 'ok' ? relay.load.events : []), [relay.load]);
  const loads = movements.filter((m) => m.type === 'load' || m.type === 'unload').sort((a, b) => b.at.localeCompare(a.at));

  return (
    <div className="manage-page" data-testid="printer-history">
      <div className="manage-head">
        <h1>{p ? `${p.code} · ${p.name}` : loading ? 'Printer' : 'Unknown printer'}</h1>
        {p ? (
          <span className="muted">
            {p.brand} {p.model} · {p.location || 'no location'} · {workCenters.get(p.workCenterId)?.name ?? 'no work center'}
          </span>
        ) : null}
        <span className="spacer" />
        <Link className="btn" href="/manage/timeline">
          Today on the floor
        </Link>
        <Link className="btn" href="/manage/farm">
          Back to the farm
        </Link>
      </div>
      <div className="kpis">
        <Kpi value={String(h.jobs.length)} label="steps run here" />
        <Kpi value={hm(h.totals.runningMs)} label="running (pauses, downtime out)" />
        <Kpi value={hm(h.totals.downtimeMinutes * 60_000)} label={`downtime in ${h.downtime.length} ${h.downtime.length === 1 ? 'report' : 'reports'}`} />
        <Kpi value={`${Math.round(h.totals.grams).toLocaleString()} g`} label="filament consumed" />
        <Kpi value={`${h.totals.good} / ${h.totals.scrap}`} label="good / scrap" />
      </div>
      <div className="manage-grid">
        <section className="card span-all" data-testid="history-jobs">
          <h2>Jobs and steps</h2>
          {loading ? <p className="muted">Loading…</p> : h.jobs.length === 0 ? <p className="empty">No step has run on this printer.</p> : null}
          <table className="mtable">
            <thead>
              <tr>
                <th>Work order</th>
                <th>Step</th>
                <th>Status</th>
                <th>Started</th>
                <th>Ended</th>
                <th className="num">Running</th>
                <th className="num">Paused</th>
                <th className="num">Good / scrap</th>
                <th>Printer says</th>
              </tr>
            </thead>
            <tbody>
              {h.jobs.slice(0, MAX_ROWS).map((j) => {
                const wo = wos.get(j.workOrderId);
                const op = opsById.get(j.operationId);
                const said = relayByOp.get(j.operationId);
                return (
                  <tr key={j.operationId} data-testid="history-job">
                    <td>{wo ? <Link href={`/manage/trace?wo=${encodeURIComponent(wo.id)}`}>{wo.code}</Link> : 'unknown'}</td>
                    <td>{op ? `${op.code} ${op.name}` : 'unknown step'}</td>
                    <td>
                      <span className={`stepdot s-${j.status}`} /> {j.status}
                    </td>
                    <td className="small">{when(j.startedAt)}</td>
                    <td className="small">{when(j.endedAt)}</td>
                    <td className="num">{hm(j.runningMs)}</td>
                    <td className="num">{j.pausedMs ? hm(j.pausedMs) : '—'}</td>
                    <td className="num">
                      {j.qtyGood} / {j.qtyScrap}
                    </td>
                    <td className="small" data-testid="history-job-printer">
                      {said ? <span className={`badge ${eventTone(said.kind)}`} title={when(said.at)}>{said.kind}</span> : <span className="muted">—</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {h.jobs.length > MAX_ROWS ? <p className="muted small">The latest {MAX_ROWS} of {h.jobs.length}.</p> : null}
        </section>
        <PrinterEventsSection load={relay.load} hours={hours} onHours={setHours} onRefresh={relay.refresh} onMore={relay.loadMore} ops={opsById} wos={wos} />
        <section className="card" data-testid="history-downtime">
          <h2>Downtime and maintenance</h2>
          {h.downtime.length === 0 ? <p className="empty">No downtime reported.</p> : null}
          <table className="mtable">
            <thead>
              <tr>
                <th>From</th>
                <th>To</th>
                <th className="num">Length</th>
                <th>Reason</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {h.downtime.slice(0, MAX_ROWS).map((d) => {
                const r = reasonBy.get(d.reasonCode);
                return (
                  <tr key={d.id}>
                    <td className="small">{when(d.from)}</td>
                    <td className="small">{d.to ? when(d.to) : <b>still down</b>}</td>
                    <td className="num">{hm(d.minutes * 60_000)}</td>
                    <td>
                      {r?.name ?? (d.reasonCode || '—')}
                      {r?.planned ? <span className="badge b-info">maintenance</span> : null}
                    </td>
                    <td className="small">{d.note}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <section className="card" data-testid="history-consumption">
          <h2>Filament consumed</h2>
          <p className="small">
            Loaded now:{' '}
            {loaded.length === 0
              ? 'nothing'
              : loaded.map((s) => (
                  <span key={s.id} className="ptile-spool">
                    <span className="ptile-dot" style={{ background: s.colorHex }} /> {s.loadedSlot} {s.code}{' '}
                  </span>
                ))}
          </p>
          {movementsLoading ? <p className="muted">Loading…</p> : null}
          {!movementsLoading && h.consumption.length === 0 ? <p className="empty">No consumption recorded on this printer.</p> : null}
          <table className="mtable">
            <thead>
              <tr>
                <th>Spool</th>
                <th>Material</th>
                <th>Lot</th>
                <th className="num">Used</th>
                <th className="num">Entries</th>
                <th>Last</th>
              </tr>
            </thead>
            <tbody>
              {h.consumption.slice(0, MAX_ROWS).map((c) => {
                const s = spools.get(c.spoolId);
                return (
                  <tr key={c.spoolId}>
                    <td>
                      <Link href={`/manage/trace?spool=${encodeURIComponent(c.spoolId)}`}>{s?.code ?? 'unknown'}</Link>
                    </td>
                    <td>
                      <span className="ptile-dot" style={{ background: s?.colorHex ?? '#ccc' }} /> {s?.material} {s?.colorName}
                    </td>
                    <td>{s?.lot || '—'}</td>
                    <td className="num">{Math.round(c.grams).toLocaleString()} g</td>
                    <td className="num">{c.entries}</td>
                    <td className="small">{when(c.lastAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>Spool loads</h2>
          {loads.length === 0 ? <p className="empty">No spool loaded or unloaded here.</p> : null}
          <table className="mtable">
            <tbody>
              {loads.slice(0, 30).map((m) => (
                <tr key={m.id}>
                  <td className="small">{when(m.at)}</td>
                  <td>{m.type === 'load' ? 'Loaded' : 'Unloaded'}</td>
                  <td>{spools.get(m.spoolId)?.code ?? 'unknown'}</td>
                  <td>{m.slot}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

function Kpi({ value, label }: { value: string; label: string }) {
  return (
    <div className="kpi">
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">{label}</span>
    </div>
  );
}
