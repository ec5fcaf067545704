import type { CsvValue } from './csv.ts';
import type { ReorderSettings, ReportWindow, ReportsService } from './reports.service.ts';

/** The reports' tables as CSV rows: one file per table, named as in `/reports/csv/<name>`. */
export const REPORT_TABLES = [
  'scrap-by-reason',
  'scrap-by-printer',
  'downtime-by-reason',
  'first-pass-yield',
  'utilisation',
  'utilisation-per-day',
  'usage-per-day',
  'stock',
] as const;

const pct = (n: number) => Math.round(n * 10000) / 100;

export async function reportTables(
  reports: ReportsService,
  tenantId: string,
  name: string,
  w: ReportWindow,
  settings: () => ReorderSettings,
): Promise<{ header: string[]; rows: CsvValue[][] } | undefined> {
  if (!(REPORT_TABLES as readonly string[]).includes(name)) return undefined;
  if (name === 'usage-per-day' || name === 'stock') {
    const inv = await reports.inventory(tenantId, w, settings());
    if (name === 'usage-per-day') {
      return { header: ['day', 'grams'], rows: inv.usagePerDay.map((u) => [u.day, u.grams]) };
    }
    return {
      header: [
        'material',
        'colorHex',
        'colorName',
        'spools',
        'remainingG',
        'usedInWindowG',
        'avgDailyUseG',
        'reorderPointG',
        'daysOfStock',
        'low',
      ],
      rows: inv.groups.map((g) => [
        g.material,
        g.colorHex,
        g.colorName,
        g.spools,
        g.remainingG,
        g.usedInWindowG,
        round2(g.avgDailyUseG),
        round2(g.reorderPointG),
        g.daysOfStock === null ? null : round2(g.daysOfStock),
        g.low,
      ]),
    };
  }
  const q = await reports.quality(tenantId, w);
  const paretoTable = (rows: typeof q.scrapByReason, key: string) => ({
    header: [key, 'value', 'sharePct', 'cumulativePct'],
    rows: rows.map((r) => [r.key, round2(r.value), pct(r.share), pct(r.cumulative)]),
  });
  const code = (id: string) => q.printers[id] ?? '';
  switch (name) {
    case 'scrap-by-reason':
      return paretoTable(q.scrapByReason, 'reason');
    case 'scrap-by-printer': {
      const t = paretoTable(q.scrapByPrinter, 'printer');
      return {
        header: ['printer', 'printerCode', ...t.header.slice(1)],
        rows: t.rows.map((r, i) => [r[0], code(q.scrapByPrinter[i]!.key), ...r.slice(1)]),
      };
    }
    case 'downtime-by-reason':
      return paretoTable(q.downtimeByReason, 'reason');
    case 'first-pass-yield': {
      const f = q.firstPassYield;
      return {
        header: ['good', 'scrap', 'yieldPct'],
        rows: [[f.good, f.scrap, f.yield === null ? null : pct(f.yield)]],
      };
    }
    case 'utilisation':
      return {
        header: ['printer', 'printerCode', 'utilisationPct'],
        rows: q.utilisation.map((u) => [u.printer, code(u.printer), pct(u.utilisation)]),
      };
    default:
      return {
        header: ['day', 'printer', 'printerCode', 'utilisationPct'],
        rows: q.utilisationPerDay.map((u) => [u.day, u.printer, code(u.printer), pct(u.utilisation)]),
      };
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
