import { useEffect, useMemo, useState } from 'react';
import type { StepEvent } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { useLookup } from '../hooks/use-query.ts';
import { useNow } from '../hooks/use-now.ts';
import { BarChart } from './BarChart.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { FiguresNote, useDelayed } from './FiguresNote.tsx';
import type { ParetoRow } from './aggregates/quality.ts';
import { localQualityFigures, serverQualityFigures, type QualityFigures } from './quality-figures.ts';
import { qualityReportSchema, qualityUrl, type QualityReport } from './server-reports.ts';
import { browserTimeZone, useServerReport } from './use-server-report.ts';

const DAY = 86_400_000;
const RANGES = [1, 7, 30, 90];
const PARETO_CSV = [
  { header: 'key', value: (r: ParetoRow) => r.key },
  { header: 'value', value: (r: ParetoRow) => Math.round(r.value * 10) / 10 },
  { header: 'share_pct', value: (r: ParetoRow) => Math.round(r.share * 1000) / 10 },
  { header: 'cumulative_pct', value: (r: ParetoRow) => Math.round(r.cumulative * 1000) / 10 },
];
/** Figures of the previous range, shown while the new range's answer is on its way. */
const STALE = { opacity: 0.55, transition: 'opacity 0.2s' };
const parseQuality = (json: unknown): QualityReport => qualityReportSchema.parse(json);

/**
 * Every local step event, live, only while `enabled` (the fallback): with the server answering,
 * the page never reads the whole history out of IndexedDB. null until the first result.
 */
function useLocalEvents(enabled: boolean): StepEvent[] | null {
  const { client } = useApp();
  const [docs, setDocs] = useState<StepEvent[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const sub = client.db.collections.step_events
      .find()
      .$.subscribe((ds) => setDocs(ds.map((d) => d.toJSON())));
    return () => {
      sub.unsubscribe();
      setDocs(null);
    };
  }, [client, enabled]);
  return enabled ? docs : null;
}

/**
 * The range-wide figures: from the server's SQL report (`/api/manage/reports/quality`), refreshed
 * when step events arrive; computed on this device from the local step events when the server
 * cannot answer. null while neither has anything to show.
 */
function useQualityFigures(days: number) {
  const tz = browserTimeZone();
  const key = `${days}|${tz}`;
  const feed = useServerReport<QualityReport>(key, () => qualityUrl(days, tz), ['step_events'], {
    parse: parseQuality,
    refreshMs: 60_000,
  });
  const fallback = feed.status === 'fallback';
  // Ticks in server mode too: when the fallback starts, its window must end now, not at mount.
  const now = useNow(60_000);
  const events = useLocalEvents(fallback);
  const local = useMemo(
    () => (events ? localQualityFigures(events, { from: now - days * DAY, to: now }, now) : null),
    [events, days, now],
  );
  const server = useMemo(() => (feed.data ? serverQualityFigures(feed.data) : null), [feed.data]);
  const figures: QualityFigures | null = fallback ? local : server;
  const stale = !fallback && feed.dataKey !== key;
  return { feed, figures, stale, localReady: local !== null };
}

/** A Pareto's rows as bars: `label` names a key (reason code, printer id); `color` overrides the chart's. */
function paretoBars(rows: readonly ParetoRow[], label: (key: string) => string, color?: string) {
  return rows.map((r) => ({ label: label(r.key), value: r.value, cumulative: r.cumulative, color }));
}

function initialDays(): number {
  const d = Number(new URLSearchParams(location.search).get('days'));
  return RANGES.includes(d) ? d : 7;
}

/** /manage/quality[?days=30]: scrap Pareto by reason and printer, first-pass yield, downtime, utilisation. */
export function QualityScreen() {
  const [days, setDays] = useState(initialDays);
  const printers = useLookup('printers');
  const scrapReasons = useLookup('scrap_reasons');
  const downReasons = useLookup('downtime_reasons');
  const byCode = <T extends { code: string; name: string }>(m: Map<string, T>) =>
    new Map([...m.values()].map((r) => [r.code, r.name]));
  const scrapNames = useMemo(() => byCode(scrapReasons), [scrapReasons]);
  const downNames = useMemo(() => byCode(downReasons), [downReasons]);
  const { feed, figures, stale, localReady } = useQualityFigures(days);
  const waiting = useDelayed(figures === null);
  const scrapReason = figures?.scrapReason ?? [];
  const scrapPrinter = figures?.scrapPrinter ?? [];
  const down = figures?.down ?? [];
  const util = figures?.util ?? [];
  const fpy = figures?.fpy ?? null;
  const chooseDays = (d: number) => {
    setDays(d);
    const u = new URL(location.href);
    u.searchParams.set('days', String(d));
    history.replaceState(history.state, '', u);
  };
  const printerCode = (id: string) => printers.get(id)?.code ?? figures?.printerCodes[id] ?? id;
  const chart = (c: React.ReactNode) =>
    figures ? c : <p className="muted chart-wait">{waiting ? 'Loading…' : '\u00a0'}</p>;
  const downTotal = down.reduce((s, r) => s + r.value, 0);
  return (
    <div
      className="manage-page"
      data-testid="quality"
      data-figures={figures ? (feed.status === 'fallback' ? 'local' : 'server') : 'none'}
    >
      <div className="manage-head">
        <h1>Quality and downtime</h1>
        <span className="spacer" />
        <label className="inline-select">
          Last{' '}
          <select value={days} onChange={(e) => chooseDays(Number(e.target.value))}>
            {RANGES.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? '24 hours' : `${d} days`}
              </option>
            ))}
          </select>
        </label>
        <button
          className="btn"
          onClick={() => downloadCsv('scrap-by-reason.csv', toCsv(scrapReason, PARETO_CSV))}
        >
          Scrap CSV
        </button>
        <button
          className="btn"
          onClick={() => downloadCsv('downtime-by-reason.csv', toCsv(down, PARETO_CSV))}
        >
          Downtime CSV
        </button>
      </div>
      <FiguresNote feed={feed} localReady={localReady} />
      <div className="kpis" style={stale ? STALE : undefined}>
        <div className="kpi" data-testid="fpy">
          <span className="kpi-value">
            {fpy === null ? '…' : fpy.yield === null ? '—' : `${(fpy.yield * 100).toFixed(1)}%`}
          </span>
          <span className="kpi-label">
            First-pass yield{fpy ? ` (${fpy.good} good, ${fpy.scrap} scrap)` : ''}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-value">{figures ? `${Math.round(downTotal / 6) / 10} h` : '…'}</span>
          <span className="kpi-label">Downtime reported</span>
        </div>
        <div className="kpi">
          <span className="kpi-value">
            {!figures
              ? '…'
              : util.length
                ? `${Math.round((util.reduce((s, x) => s + x.u, 0) / Math.max(1, printers.size)) * 100)}%`
                : '—'}
          </span>
          <span className="kpi-label">Average printer utilisation ({printers.size} printers)</span>
        </div>
      </div>
      <div className="manage-grid" style={stale ? STALE : undefined}>
        <section className="card">
          <h2>Scrap by reason (Pareto)</h2>
          {chart(
            <BarChart
              title="Scrap by reason"
              unit="pcs"
              bars={paretoBars(scrapReason, (k) => scrapNames.get(k) ?? k)}
            />,
          )}
        </section>
        <section className="card">
          <h2>Scrap by printer (Pareto)</h2>
          {chart(
            <BarChart
              title="Scrap by printer"
              unit="pcs"
              bars={paretoBars(scrapPrinter, printerCode, '#991b1b')}
            />,
          )}
        </section>
        <section className="card">
          <h2>Downtime by reason</h2>
          {chart(
            <BarChart
              title="Downtime by reason"
              unit="min"
              bars={paretoBars(down, (k) => downNames.get(k) ?? k, '#854d0e')}
            />,
          )}
        </section>
        <section className="card">
          <h2>Utilisation (steps running on the printer)</h2>
          {chart(
            <BarChart
              title="Utilisation by printer"
              unit="%"
              bars={util.map((x) => ({
                label: printerCode(x.id),
                value: Math.round(x.u * 1000) / 10,
                color: '#1e3a8a',
              }))}
            />,
          )}
        </section>
      </div>
    </div>
  );
}
