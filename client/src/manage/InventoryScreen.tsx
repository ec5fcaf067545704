import { useMemo, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { Meter } from '../components/Meter.tsx';
import { useLookup, useQuery } from '../hooks/use-query.ts';
import { useNow } from '../hooks/use-now.ts';
import { formatGrams } from '../format.ts';
import { BarChart, DayBars } from './BarChart.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { FiguresNote } from './FiguresNote.tsx';
import {
  inventoryReportSchema,
  inventoryUrl,
  mergeStockGroups,
  type InventoryReport,
} from './server-reports.ts';
import { browserTimeZone, useServerReport } from './use-server-report.ts';
import {
  DEFAULT_REORDER,
  spoolRows,
  stockGroups,
  totalsByMaterial,
  usagePerDay,
  type ReorderSettings,
  type SpoolRow,
  type StockGroup,
} from './aggregates/inventory.ts';

const GROUP_CSV = [
  { header: 'material', value: (g: StockGroup) => g.material },
  { header: 'color_hex', value: (g: StockGroup) => g.colorHex },
  { header: 'color_name', value: (g: StockGroup) => g.colorName },
  { header: 'spools', value: (g: StockGroup) => g.spools },
  { header: 'remaining_g', value: (g: StockGroup) => g.remainingG },
  { header: 'avg_daily_use_g', value: (g: StockGroup) => Math.round(g.avgDailyUseG * 10) / 10 },
  { header: 'reorder_point_g', value: (g: StockGroup) => Math.round(g.reorderPointG) },
  {
    header: 'days_of_stock',
    value: (g: StockGroup) => (g.daysOfStock === null ? '' : Math.round(g.daysOfStock * 10) / 10),
  },
  { header: 'low', value: (g: StockGroup) => g.low },
];

function spoolCsv(printers: Map<string, { code: string }>) {
  return [
    { header: 'code', value: (r: SpoolRow) => r.spool.code },
    { header: 'material', value: (r: SpoolRow) => r.spool.material },
    { header: 'color', value: (r: SpoolRow) => `${r.spool.colorName} ${r.spool.colorHex}` },
    { header: 'brand', value: (r: SpoolRow) => r.spool.brand },
    { header: 'lot', value: (r: SpoolRow) => r.spool.lot },
    { header: 'status', value: (r: SpoolRow) => r.spool.status },
    { header: 'remaining_g', value: (r: SpoolRow) => r.ledger.remainingG },
    { header: 'remaining_pct', value: (r: SpoolRow) => Math.round(r.ledger.percent) },
    { header: 'location', value: (r: SpoolRow) => r.spool.location },
    { header: 'loaded_on', value: (r: SpoolRow) => printers.get(r.spool.loadedPrinterId)?.code ?? '' },
  ];
}

const USAGE_DAYS = 28;
const parseInventory = (json: unknown): InventoryReport => inventoryReportSchema.parse(json);
/** /manage/inventory: spools, totals by material and colour, low stock and days of stock. */
export function InventoryScreen() {
  const now = useNow(60_000);
  const { docs: spools, loading } = useQuery('spools', {});
  const { docs: movements } = useQuery('spool_movements', {});
  const printers = useLookup('printers');
  const [settings, setSettings] = useState<ReorderSettings>(DEFAULT_REORDER);
  const tz = browserTimeZone();
  const key = `${tz}|${settings.leadTimeDays}|${settings.safetyDays}|${settings.windowDays}`;
  const feed = useServerReport<InventoryReport>(
    key,
    () => inventoryUrl(USAGE_DAYS, tz, settings),
    ['spool_movements', 'spools'],
    { parse: parseInventory, refreshMs: 60_000 },
  );
  const fallback = feed.status === 'fallback';
  const fresh = feed.data && feed.dataKey === key ? feed.data : null;
  const rows = useMemo(() => spoolRows(spools, movements), [spools, movements]);
  const localGroups = useMemo(() => stockGroups(rows, now, () => settings), [rows, now, settings]);
  const groups = useMemo(
    () => mergeStockGroups(localGroups, fallback ? null : (fresh?.groups ?? null)),
    [localGroups, fallback, fresh],
  );
  const materials = useMemo(() => totalsByMaterial(groups), [groups]);
  const localUsage = useMemo(
    () => (fallback || !feed.data ? usagePerDay(movements, now, USAGE_DAYS) : null),
    [fallback, feed.data, movements, now],
  );
  const usage = fallback || !feed.data ? localUsage! : feed.data.usagePerDay;
  const low = groups.filter((g) => g.low);
  const active = rows
    .filter((r) => r.spool.status === 'active')
    .sort((a, b) => a.ledger.percent - b.ledger.percent);
  const num = (k: keyof ReorderSettings) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setSettings({ ...settings, [k]: Math.max(k === 'windowDays' ? 1 : 0, Number(e.target.value) || 0) });
  return (
    <div className="manage-page" data-testid="inventory">
      <div className="manage-head">
        <h1>Inventory</h1>
        <span className="badge b-warn" data-testid="low-count">
          {low.length} low
        </span>
        <span className="spacer" />
        <button className="btn" onClick={() => downloadCsv('stock-by-colour.csv', toCsv(groups, GROUP_CSV))}>
          Export stock CSV
        </button>
        <button className="btn" onClick={() => downloadCsv('spools.csv', toCsv(rows, spoolCsv(printers)))}>
          Export spools CSV
        </button>
        <Link className="btn btn-primary" href="/manage/receive" data-testid="open-receive-batch">
          Receive a purchase
        </Link>
      </div>
      <FiguresNote feed={feed} localReady sayLoading={false} />
      <div className="reorder-settings">
        Reorder point = average daily use over
        <input
          type="number"
          aria-label="Usage window days"
          value={settings.windowDays}
          onChange={num('windowDays')}
        />{' '}
        days × (lead time
        <input
          type="number"
          aria-label="Lead time days"
          value={settings.leadTimeDays}
          onChange={num('leadTimeDays')}
        />{' '}
        + safety
        <input
          type="number"
          aria-label="Safety days"
          value={settings.safetyDays}
          onChange={num('safetyDays')}
        />{' '}
        days)
      </div>
      <div className="manage-grid">
        <section className="card">
          <h2>Stock by material and colour</h2>
          <table className="mtable" data-testid="stock-groups">
            <thead>
              <tr>
                <th>Material</th>
                <th>Colour</th>
                <th className="num">Spools</th>
                <th className="num">Left</th>
                <th className="num">Use/day</th>
                <th className="num">Reorder at</th>
                <th className="num">Days left</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key} className={g.low ? 'row-low' : ''} data-testid="stock-group" data-low={g.low}>
                  <td>{g.material}</td>
                  <td>
                    <span className="ptile-dot" style={{ background: g.colorHex }} />{' '}
                    {g.colorName || g.colorHex}
                  </td>
                  <td className="num">{g.spools}</td>
                  <td className="num">{formatGrams(g.remainingG)}</td>
                  <td className="num">{g.avgDailyUseG > 0 ? formatGrams(g.avgDailyUseG) : '—'}</td>
                  <td className="num">{g.reorderPointG > 0 ? formatGrams(g.reorderPointG) : '—'}</td>
                  <td className="num">
                    {g.daysOfStock === null ? '—' : Math.floor(g.daysOfStock)}
                    {g.low ? ' ⚠' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>Totals by material</h2>
          <BarChart
            title="Grams left by material"
            unit="g"
            bars={materials.map((m) => ({
              label: `${m.material} (${m.spools})`,
              value: m.remainingG,
              color: '#166534',
            }))}
          />
          <h2>Use per day, last {USAGE_DAYS} days</h2>
          <DayBars title="Grams consumed per day" unit="g" days={usage} />
        </section>
      </div>
      <section className="card">
        <h2>Spools, emptiest first</h2>
        {loading ? <p className="muted">Loading…</p> : null}
        <table className="mtable">
          <thead>
            <tr>
              <th>Spool</th>
              <th>Material</th>
              <th>Colour</th>
              <th className="num">Left</th>
              <th>%</th>
              <th>Where</th>
            </tr>
          </thead>
          <tbody>
            {active.map((r) => (
              <tr key={r.spool.id}>
                <td>
                  <Link href={`/spools/${r.spool.id}`}>{r.spool.code}</Link>{' '}
                  <Link className="small" href={`/manage/trace?spool=${encodeURIComponent(r.spool.id)}`}>
                    trace
                  </Link>
                </td>
                <td>{r.spool.material}</td>
                <td>
                  <span className="ptile-dot" style={{ background: r.spool.colorHex }} /> {r.spool.colorName}
                </td>
                <td className="num">{formatGrams(r.ledger.remainingG)}</td>
                <td className="meter-cell">
                  <Meter percent={r.ledger.percent} level={r.ledger.level} /> {Math.round(r.ledger.percent)}%
                </td>
                <td>{printers.get(r.spool.loadedPrinterId)?.code ?? r.spool.location}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
