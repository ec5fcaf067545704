import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocOf } from '@printfloor/shared';
import { Link } from '../components/Link.tsx';
import './printer-history.css';
import {
  EVENT_RANGES,
  appendPage,
  eventCounts,
  eventProblem,
  eventTone,
  printerEventsPath,
  type PrinterEventRow,
  type PrinterEventsPage,
} from './printer-events.ts';

export type EventsLoad =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'forbidden' }
  | { state: 'error'; message: string }
  | { state: 'ok'; events: PrinterEventRow[]; next: string | null; loadingMore: boolean };

async function fetchPage(path: string): Promise<PrinterEventsPage | { failed: EventsLoad }> {
  try {
    const res = await fetch(path, { credentials: 'same-origin' });
    if (res.status === 401) return { failed: { state: 'signed-out' } };
    if (res.status === 403) return { failed: { state: 'forbidden' } };
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      return { failed: { state: 'error', message: body.error?.message ?? `HTTP ${res.status}` } };
    }
    return (await res.json()) as PrinterEventsPage;
  } catch (e) {
    return { failed: { state: 'error', message: `the server cannot be reached (${e instanceof Error ? e.message : String(e)})` } };
  }
}

/**
 * A printer's relay events over the last `hours`, first page on mount and whenever the printer or
 * range changes, further pages on `loadMore`. Answers that arrive for an older request are dropped.
 */
export function usePrinterEvents(printerId: string, hours: number) {
  const [load, setLoad] = useState<EventsLoad>({ state: 'loading' });
  const request = useRef({ n: 0, now: 0 });
  const refresh = useCallback(() => {
    const n = ++request.current.n;
    const now = Date.now();
    request.current.now = now;
    setLoad({ state: 'loading' });
    void fetchPage(printerEventsPath(printerId, hours, now, null)).then((r) => {
      if (n !== request.current.n) return;
      setLoad('failed' in r ? r.failed : { state: 'ok', events: r.events, next: r.nextCursor, loadingMore: false });
    });
  }, [printerId, hours]);
  useEffect(() => {
    if (printerId) refresh();
  }, [printerId, refresh]);
  const loadMore = useCallback(() => {
    if (load.state !== 'ok' || !load.next || load.loadingMore) return;
    const n = request.current.n;
    const shown = load.events;
    setLoad({ ...load, loadingMore: true });
    void fetchPage(printerEventsPath(printerId, hours, request.current.now, load.next)).then((r) => {
      if (n !== request.current.n) return;
      setLoad('failed' in r ? r.failed : { state: 'ok', events: appendPage(shown, r.events), next: r.nextCursor, loadingMore: false });
    });
  }, [load, printerId, hours]);
  return { load, refresh, loadMore };
}

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });

interface Props {
  load: EventsLoad;
  hours: number;
  onHours: (hours: number) => void;
  onRefresh: () => void;
  onMore: () => void;
  ops: ReadonlyMap<string, DocOf<'operations'>>;
  wos: ReadonlyMap<string, DocOf<'work_orders'>>;
}

/** "Printer events": what the printer itself reported (relay), beside the steps the tablets recorded. */
export function PrinterEventsSection({ load, hours, onHours, onRefresh, onMore, ops, wos }: Props) {
  const events = load.state === 'ok' ? load.events : [];
  const counts = eventCounts(events);
  return (
    <section className="card span-all" data-testid="history-printer-events">
      <div className="ph-card-head">
        <h2>Printer events</h2>
        {load.state === 'ok' ? (
          <span className="muted small" data-testid="printer-event-counts">
            {counts.started} started · {counts.finished} finished · {counts.failed} failed{load.next ? ' (in the rows shown)' : ''}
          </span>
        ) : null}
        <span className="spacer" />
        <label className="inline-select">
          <span className="small muted">Range</span>
          <select value={hours} onChange={(e) => onHours(Number(e.target.value))} data-testid="printer-events-range">
            {EVENT_RANGES.map((r) => (
              <option key={r.hours} value={r.hours}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button className="btn btn-small" type="button" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      <p className="muted small">State changes the printer reported through the relay (print started, paused, finished, failed, offline…), newest first.</p>
      {load.state === 'loading' ? <p className="muted">Loading…</p> : null}
      {load.state === 'signed-out' ? <p className="empty">Sign in as a lead or manager to see the printer’s events.</p> : null}
      {load.state === 'forbidden' ? <p className="empty">The printer’s events are for leads and managers.</p> : null}
      {load.state === 'error' ? (
        <p className="banner" role="alert">
          Could not load the printer’s events: {load.message}
        </p>
      ) : null}
      {load.state === 'ok' && events.length === 0 ? <p className="empty">No state change recorded in this range.</p> : null}
      {events.length > 0 ? (
        <table className="mtable ph-events">
          <thead>
            <tr>
              <th>Time</th>
              <th>Event</th>
              <th>State</th>
              <th>Job</th>
              <th>Step</th>
              <th className="num">Progress</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const op = e.operationId ? ops.get(e.operationId) : undefined;
              const wo = op ? wos.get(op.workOrderId) : undefined;
              const problem = eventProblem(e);
              return (
                <tr key={e.id} data-testid="printer-event" data-kind={e.kind} data-to={e.to}>
                  <td className="small ph-nowrap">{when(e.at)}</td>
                  <td>
                    <span className={`badge ${eventTone(e.kind)}`}>{e.kind}</span>
                  </td>
                  <td className="ph-nowrap">
                    {e.from} → <b>{e.to}</b>
                  </td>
                  <td className="ph-job">{e.jobName ?? <span className="muted">—</span>}</td>
                  <td>
                    {wo ? <Link href={`/manage/trace?wo=${encodeURIComponent(wo.id)}`}>{wo.code}</Link> : null}
                    {op ? ` ${op.code}` : e.operationId ? <span className="muted">unknown step</span> : <span className="muted">—</span>}
                  </td>
                  <td className="num">{e.progress === null ? '—' : `${Math.round(e.progress)} %`}</td>
                  <td className={problem ? 'ph-problem' : 'muted'}>{problem || '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {load.state === 'ok' && load.next ? (
        <button className="btn ph-more" type="button" onClick={onMore} disabled={load.loadingMore} data-testid="printer-events-more">
          {load.loadingMore ? 'Loading…' : 'Show older events'}
        </button>
      ) : null}
    </section>
  );
}
