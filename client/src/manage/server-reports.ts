import { z } from 'zod';
import type { ReorderSettings, StockGroup } from './aggregates/inventory.ts';

/**
 * The answers of `GET /api/manage/reports/quality|inventory` (server/src/manage/reports.service.ts)
 * as far as the Quality and Inventory pages read them, checked on arrival: a proxy's error page or
 * an older server's answer makes the page compute on the device rather than draw garbage. The
 * server computes the same definitions as ./aggregates (e2e/manage/import-reports-agree.test.ts).
 */

const paretoRow = z.object({ key: z.string(), value: z.number(), share: z.number(), cumulative: z.number() });

export const qualityReportSchema = z.object({
  scrapByReason: z.array(paretoRow),
  scrapByPrinter: z.array(paretoRow),
  firstPassYield: z.object({ good: z.number(), scrap: z.number(), yield: z.number().nullable() }),
  downtimeByReason: z.array(paretoRow),
  utilisation: z.array(z.object({ printer: z.string(), utilisation: z.number() })),
  printers: z.record(z.string(), z.string()),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

const stockGroup = z.object({
  key: z.string(),
  usedInWindowG: z.number(),
  avgDailyUseG: z.number(),
  reorderPointG: z.number(),
  daysOfStock: z.number().nullable(),
  low: z.boolean(),
});

export const inventoryReportSchema = z.object({
  usagePerDay: z.array(z.object({ day: z.string(), grams: z.number() })),
  groups: z.array(stockGroup),
});
export type InventoryReport = z.infer<typeof inventoryReportSchema>;
export type ServerStockGroup = z.infer<typeof stockGroup>;

const DAY_MS = 86_400_000;

/** The Quality page's window: the last `days` days up to the moment the request is sent. */
export function qualityUrl(days: number, tz: string, now = Date.now()): string {
  const q = new URLSearchParams({
    from: new Date(now - days * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
    tz,
  });
  return `/api/manage/reports/quality?${q.toString()}`;
}

/**
 * The Inventory page's report: usage per local day for the `days` days ending today (from local
 * midnight `days − 1` days ago, as aggregates/inventory.ts usagePerDay), reorder settings as given.
 */
export function inventoryUrl(days: number, tz: string, s: ReorderSettings, now = Date.now()): string {
  const today = new Date(now);
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  const q = new URLSearchParams({
    from: from.toISOString(),
    to: new Date(now).toISOString(),
    tz,
    leadTimeDays: String(s.leadTimeDays),
    safetyDays: String(s.safetyDays),
    windowDays: String(s.windowDays),
  });
  return `/api/manage/reports/inventory?${q.toString()}`;
}

/**
 * Stock groups with the heavy columns (use over the window, reorder point, days of stock, low) from
 * the server's report when it has answered for these settings, else from the local computation;
 * the light ones (spools, grams left) always from the live local ledger, so they move the moment a
 * tablet's consume arrives. A group the server does not know yet (a spool received on this device
 * a moment ago) keeps its local figures.
 */
export function mergeStockGroups(
  local: readonly StockGroup[],
  server: readonly ServerStockGroup[] | null,
): StockGroup[] {
  if (!server) return [...local];
  const byKey = new Map(server.map((g) => [g.key, g]));
  return local.map((g) => {
    const s = byKey.get(g.key);
    if (!s) return g;
    const { usedInWindowG, avgDailyUseG, reorderPointG, daysOfStock, low } = s;
    return { ...g, usedInWindowG, avgDailyUseG, reorderPointG, daysOfStock, low };
  });
}
