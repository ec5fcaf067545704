import { printerLive, type PrinterLive } from '../../floor/printer-live.ts';
import { useNow } from '../../hooks/use-now.ts';
import { usePrinterStatuses } from '../../printers/use-printer-statuses.ts';
import './live-printer.css';

/** The live view of one printer from the shared stream; re-evaluated every few seconds so silence turns stale. */
export function usePrinterLive(code: string): PrinterLive {
  const { statuses, connected } = usePrinterStatuses();
  const now = useNow(5_000);
  return printerLive(statuses.get(code) ?? null, connected, now);
}

/** Live status of every printer by code, for lists (one stream, one clock for all rows). */
export function usePrintersLive(): { get(code: string): PrinterLive; connected: boolean } {
  const { statuses, connected } = usePrinterStatuses();
  const now = useNow(5_000);
  return { get: (code) => printerLive(statuses.get(code) ?? null, connected, now), connected };
}

/**
 * The station's live printer card (issue 5): state in a big word, job, progress, time left, layer,
 * temperatures and errors. A status that is not live says so in words across the card, and the
 * card turns grey-striped: the last known values stay readable, never passed off as live.
 */
export function LivePrinterCard({ code, title }: { code: string; title?: string }) {
  const v = usePrinterLive(code);
  return <LivePrinterCardView code={code} title={title} v={v} />;
}

export function LivePrinterCardView({ code, title, v }: { code: string; title?: string; v: PrinterLive }) {
  const live = v.freshness === 'live';
  return (
    <section
      className={`card lpc lpc-${v.tone} ${live ? '' : 'lpc-not-live'}`}
      aria-label={`Printer ${code} live status`}
      data-testid="live-printer"
      data-code={code}
      data-state={v.state}
      data-freshness={v.freshness}
    >
      <div className="lpc-head">
        <span className="lpc-state" data-testid="live-printer-state">
          {v.stateLabel}
        </span>
        {live ? (
          <span className="lpc-live">● Live</span>
        ) : v.freshness !== 'unknown' ? (
          <span className="lpc-lastknown">last known</span>
        ) : null}
        {title ? <span className="lpc-title">{title}</span> : null}
      </div>
      {v.notLive ? (
        <p className="lpc-notlive" role="status" data-testid="live-printer-notlive">
          {v.notLive}
        </p>
      ) : null}
      {v.detail ? <p className="lpc-detail">{v.detail}</p> : null}
      {v.jobName ? (
        <p className="lpc-job" title={v.jobName}>
          {v.jobName}
        </p>
      ) : null}
      {v.progress !== null ? (
        <div className="lpc-progress">
          <div
            className="lpc-bar"
            role="progressbar"
            aria-valuenow={v.progress}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ width: `${v.progress}%` }} />
          </div>
          <span className="lpc-pct">{v.progress}%</span>
        </div>
      ) : null}
      <dl className="lpc-facts">
        {v.remaining ? (
          <div>
            <dt>Time left</dt>
            <dd>{v.remaining.replace(/ left$/, '')}</dd>
          </div>
        ) : null}
        {v.layer ? (
          <div>
            <dt>Layer</dt>
            <dd>{v.layer.replace(/^layer /, '')}</dd>
          </div>
        ) : null}
        <div>
          <dt>Nozzle</dt>
          <dd>{v.nozzle}</dd>
        </div>
        <div>
          <dt>Bed</dt>
          <dd>{v.bed}</dd>
        </div>
      </dl>
      {v.errors.length > 0 ? (
        <ul className="lpc-errors" data-testid="live-printer-errors">
          {v.errors.slice(0, 4).map((e) => (
            <li key={e.code} className={`sev-${e.severity}`}>
              <strong>{e.text || 'Printer error'}</strong> <span className="muted">{e.code}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A compact live badge for a list row: state word, progress and whether it is live. */
export function LivePrinterBadge({ v }: { v: PrinterLive }) {
  const live = v.freshness === 'live';
  return (
    <span
      className={`lpb lpc-${v.tone} ${live ? '' : 'lpc-not-live'}`}
      data-testid="printer-live-badge"
      data-state={v.state}
      data-freshness={v.freshness}
      title={v.notLive ?? 'Live'}
    >
      {v.stateLabel}
      {v.progress !== null && v.state !== 'finished' ? ` ${v.progress}%` : ''}
      {live
        ? ''
        : v.freshness === 'offline'
          ? ''
          : v.freshness === 'unknown'
            ? ' · no status'
            : ' · not live'}
    </span>
  );
}
