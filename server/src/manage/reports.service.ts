import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { dayBuckets } from './day-buckets.ts';
import {
  busySeconds,
  downtimeByReason,
  goodAndScrap,
  printerCodes,
  scrapBy,
  stockByGroup,
  usagePerBucket,
} from './reports.repo.ts';
import type { KeyValue, Range } from './reports.repo.ts';

/**
 * Report shapes on top of the SQL aggregates (reports.repo.ts): the Pareto ordering and shares,
 * first-pass yield, utilisation as a share of each day, and the reorder rule of Batchivo's reorder
 * settings — the same arithmetic as client/src/manage/aggregates, so a chart reads the same whether
 * it was computed from the local data or here.
 */

export interface ParetoRow {
  key: string;
  value: number;
  share: number;
  cumulative: number;
}

/** Biggest first (ties by key), zeros dropped, with the running share a Pareto chart draws. */
export function pareto(values: readonly KeyValue[]): ParetoRow[] {
  const rows = values
    .filter((v) => v.value > 0)
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  const total = rows.reduce((s, r) => s + r.value, 0);
  let run = 0;
  return rows.map(({ key, value }) => {
    run += value;
    return { key, value, share: value / total, cumulative: run / total };
  });
}

export interface ReportWindow {
  from: Date;
  to: Date;
  now: Date;
  /** IANA zone of the shop's days. */
  tz: string;
}

export interface QualityReport {
  from: string;
  to: string;
  scrapByReason: ParetoRow[];
  scrapByPrinter: ParetoRow[];
  firstPassYield: { good: number; scrap: number; yield: number | null };
  downtimeByReason: ParetoRow[];
  /** Whole-window utilisation 0–1 per printer id. */
  utilisation: { printer: string; utilisation: number }[];
  /** Utilisation 0–1 per printer and local day (days a printer never ran are absent). */
  utilisationPerDay: { day: string; printer: string; utilisation: number }[];
  /** Printer id → code, for the ids above. */
  printers: Record<string, string>;
}

export interface ReorderSettings {
  leadTimeDays: number;
  safetyDays: number;
  windowDays: number;
}

export interface StockGroupReport {
  key: string;
  material: string;
  colorHex: string;
  colorName: string;
  spools: number;
  remainingG: number;
  usedInWindowG: number;
  avgDailyUseG: number;
  reorderPointG: number;
  daysOfStock: number | null;
  low: boolean;
}

export interface InventoryReport {
  from: string;
  to: string;
  settings: ReorderSettings;
  usagePerDay: { day: string; grams: number }[];
  groups: StockGroupReport[];
}

const DAY_MS = 86_400_000;

export class ReportsService {
  constructor(readonly db: Executor) {}

  async quality(tenantId: string, w: ReportWindow): Promise<QualityReport> {
    const range: Range = { from: w.from, to: w.to, now: w.now };
    // Utilisation runs to now at the latest: the rest of today has not happened yet.
    const until = new Date(Math.min(w.to.getTime(), w.now.getTime()));
    const days = until > w.from ? dayBuckets(w.from, until, w.tz) : [];
    const whole = until > w.from ? [{ day: 'window', from: w.from, to: until }] : [];
    return withTenant(this.db, tenantId, async (tx) => {
      const byReason = await scrapBy(tx, tenantId, 'reason', range);
      const byPrinter = await scrapBy(tx, tenantId, 'printer', range);
      const { good, scrap } = await goodAndScrap(tx, tenantId, range);
      const downtime = await downtimeByReason(tx, tenantId, range);
      const busyDays = await busySeconds(tx, tenantId, days, w.now);
      // The days partition the window, so its busy time is their sum: one pass over the step
      // history instead of two (unless the day list was cut short).
      const covered =
        days[0]?.from.getTime() === w.from.getTime() &&
        days[days.length - 1]?.to.getTime() === until.getTime();
      const busyWhole = covered ? sumByPrinter(busyDays) : await busySeconds(tx, tenantId, whole, w.now);
      const codes = await printerCodes(tx, tenantId);
      const lengthOf = new Map(days.map((d) => [d.day, (d.to.getTime() - d.from.getTime()) / 1000]));
      const windowSeconds = (until.getTime() - w.from.getTime()) / 1000;
      return {
        from: w.from.toISOString(),
        to: w.to.toISOString(),
        scrapByReason: pareto(byReason),
        scrapByPrinter: pareto(byPrinter),
        firstPassYield: { good, scrap, yield: good + scrap > 0 ? good / (good + scrap) : null },
        downtimeByReason: pareto(downtime),
        utilisation: busyWhole
          .map((b) => ({ printer: b.printer, utilisation: b.seconds / windowSeconds }))
          .sort((a, b) => b.utilisation - a.utilisation || a.printer.localeCompare(b.printer)),
        utilisationPerDay: busyDays
          .map((b) => ({
            day: b.day,
            printer: b.printer,
            utilisation: b.seconds / (lengthOf.get(b.day) ?? 1),
          }))
          .sort((a, b) => a.day.localeCompare(b.day) || a.printer.localeCompare(b.printer)),
        printers: codes,
      };
    });
  }

  async inventory(tenantId: string, w: ReportWindow, s: ReorderSettings): Promise<InventoryReport> {
    const days = dayBuckets(w.from, w.to, w.tz);
    return withTenant(this.db, tenantId, async (tx) => {
      const usage = await usagePerBucket(tx, tenantId, days);
      const stock = await stockByGroup(
        tx,
        tenantId,
        new Date(w.now.getTime() - s.windowDays * DAY_MS),
        w.now,
      );
      const byDay = new Map(usage.map((u) => [u.day, u.grams]));
      return {
        from: w.from.toISOString(),
        to: w.to.toISOString(),
        settings: s,
        usagePerDay: days.map((d) => ({ day: d.day, grams: round1(byDay.get(d.day) ?? 0) })),
        // Sorted as the client sorts them (localeCompare), not by the database's collation.
        groups: [...stock].sort(byMaterialThenColour).map((g) => {
          const avgDailyUseG = s.windowDays > 0 ? g.usedInWindowG / s.windowDays : 0;
          const reorderPointG = avgDailyUseG * (s.leadTimeDays + s.safetyDays);
          return {
            key: `${g.material}|${g.colorHex}`,
            ...g,
            avgDailyUseG,
            reorderPointG,
            daysOfStock: avgDailyUseG > 0 ? g.remainingG / avgDailyUseG : null,
            low: avgDailyUseG > 0 && g.remainingG <= reorderPointG,
          };
        }),
      };
    });
  }
}

function byMaterialThenColour(
  a: { material: string; colorHex: string },
  b: { material: string; colorHex: string },
): number {
  return a.material.localeCompare(b.material) || a.colorHex.localeCompare(b.colorHex);
}

function sumByPrinter(
  rows: readonly { printer: string; seconds: number }[],
): { printer: string; seconds: number }[] {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.printer, (out.get(r.printer) ?? 0) + r.seconds);
  return [...out].map(([printer, seconds]) => ({ printer, seconds }));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
