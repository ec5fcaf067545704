import { useMemo, useState } from 'react';
import { useLookup, useQuery } from '../hooks/use-query.ts';
import { useNow } from '../hooks/use-now.ts';
import { BarChart } from './BarChart.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import {
  downtimeByReason,
  firstPassYield,
  pareto,
  scrapByPrinter,
  scrapByReason,
  utilisation,
  type ParetoRow,
} from './aggregates/quality.ts';

const DAY = 86_400_000;
const PARETO_CSV = [
  { header: 'key', value: (r: ParetoRow) => r.key },
  { header: 'value', value: (r: ParetoRow) => Math.round(r.value * 10) / 10 },
  { header: 'share_pct', value: (r: ParetoRow) => Math.round(r.share * 1000) / 10 },
  { header: 'cumulative_pct', value: (r: ParetoRow) => Math.round(r.cumulative * 1000) / 10 },
];

/** /manage/quality: scrap Pareto by reason and printer, first-pass yield, downtime, utilisation. */
export function QualityScreen() {
  const now = useNow(60_000);
  const [days, setDays] = useState(7);
  const { docs: events } = useQuery('step_events', {});
  const printers = useLookup('printers');
  const scrapReasons = useLookup('scrap_reasons');
  const downReasons = useLookup('downtime_reasons');
  const w = useMemo(() => ({ from: now - days * DAY, to: now }), [now, days]);
  const byCode = <T extends { code: string; name: string }>(m: Map<string, T>) =>
    new Map([...m.values()].map((r) => [r.code, r.name]));
  const scrapNames = useMemo(() => byCode(scrapReasons), [scrapReasons]);
  const downNames = useMemo(() => byCode(downReasons), [downReasons]);

  const scrapReason = useMemo(() => pareto(scrapByReason(events, w)), [events, w]);
  const scrapPrinter = useMemo(() => pareto(scrapByPrinter(events, w)), [events, w]);
  const fpy = useMemo(() => firstPassYield(events, w), [events, w]);
  const down = useMemo(() => pareto(downtimeByReason(events, now, w)), [events, now, w]);
  const util = useMemo(
    () => [...utilisation(events, w, now)].map(([id, u]) => ({ id, u })).sort((a, b) => b.u - a.u),
    [events, w, now],
  );
  const printerCode = (id: string) => printers.get(id)?.code ?? id;
  const downTotal = down.reduce((s, r) => s + r.value, 0);
  return (
    <div className="manage-page" data-testid="quality">
      <div className="manage-head">
        <h1>Quality and downtime</h1>
        <span className="spacer" />
        <label className="inline-select">
          Last{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[1, 7, 30, 90].map((d) => (
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
      <div className="kpis">
        <div className="kpi" data-testid="fpy">
          <span className="kpi-value">{fpy.yield === null ? '—' : `${(fpy.yield * 100).toFixed(1)}%`}</span>
          <span className="kpi-label">
            First-pass yield ({fpy.good} good, {fpy.scrap} scrap)
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-value">{Math.round(downTotal / 6) / 10} h</span>
          <span className="kpi-label">Downtime reported</span>
        </div>
        <div className="kpi">
          <span className="kpi-value">
            {util.length
              ? `${Math.round((util.reduce((s, x) => s + x.u, 0) / Math.max(1, printers.size)) * 100)}%`
              : '—'}
          </span>
          <span className="kpi-label">Average printer utilisation ({printers.size} printers)</span>
        </div>
      </div>
      <div className="manage-grid">
        <section className="card">
          <h2>Scrap by reason (Pareto)</h2>
          <BarChart
            title="Scrap by reason"
            unit="pcs"
            bars={scrapReason.map((r) => ({
              label: scrapNames.get(r.key) ?? r.key,
              value: r.value,
              cumulative: r.cumulative,
            }))}
          />
        </section>
        <section className="card">
          <h2>Scrap by printer (Pareto)</h2>
          <BarChart
            title="Scrap by printer"
            unit="pcs"
            bars={scrapPrinter.map((r) => ({
              label: printerCode(r.key),
              value: r.value,
              cumulative: r.cumulative,
              color: '#991b1b',
            }))}
          />
        </section>
        <section className="card">
          <h2>Downtime by reason</h2>
          <BarChart
            title="Downtime by reason"
            unit="min"
            bars={down.map((r) => ({
              label: downNames.get(r.key) ?? r.key,
              value: r.value,
              cumulative: r.cumulative,
              color: '#854d0e',
            }))}
          />
        </section>
        <section className="card">
          <h2>Utilisation (steps running on the printer)</h2>
          <BarChart
            title="Utilisation by printer"
            unit="%"
            bars={util.map((x) => ({
              label: printerCode(x.id),
              value: Math.round(x.u * 1000) / 10,
              color: '#1e3a8a',
            }))}
          />
        </section>
      </div>
    </div>
  );
}
