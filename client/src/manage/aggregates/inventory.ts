import { foldSpoolLedger, type LedgerState, type Spool, type SpoolMovement } from '@printfloor/shared';

/**
 * Inventory aggregates (issue 6) over the live local data: remaining grams per spool (the ledger
 * fold), totals per material and colour, and the reorder rule of Batchivo's reorder settings:
 *
 *   average daily use = grams consumed in the last `windowDays` days / windowDays
 *   reorder point     = average daily use × (lead time days + safety days)
 *   days of stock     = grams remaining / average daily use   (null when nothing is used)
 *   low               = remaining ≤ reorder point (and something is used)
 *
 * Only `consume` movements count as use (a weigh-in's correction is not demand). Disposed and
 * empty spools count 0 g remaining.
 */

export interface SpoolRow {
  spool: Spool;
  ledger: LedgerState;
}

export interface ReorderSettings {
  leadTimeDays: number;
  safetyDays: number;
  windowDays: number;
}

export const DEFAULT_REORDER: ReorderSettings = { leadTimeDays: 7, safetyDays: 3, windowDays: 30 };

export interface StockGroup {
  /** `PLA|#FF0000` */
  key: string;
  material: string;
  colorHex: string;
  colorName: string;
  spools: number;
  remainingG: number;
  /** Grams consumed inside the window. */
  usedInWindowG: number;
  avgDailyUseG: number;
  reorderPointG: number;
  daysOfStock: number | null;
  low: boolean;
}

const DAY_MS = 86_400_000;

export function groupKey(material: string, colorHex: string): string {
  return `${material.trim() || '—'}|${colorHex.toUpperCase()}`;
}

/** One row per spool with its folded ledger. */
export function spoolRows(spools: readonly Spool[], movements: readonly SpoolMovement[]): SpoolRow[] {
  const bySpool = new Map<string, SpoolMovement[]>();
  for (const m of movements) {
    const list = bySpool.get(m.spoolId);
    if (list) list.push(m);
    else bySpool.set(m.spoolId, [m]);
  }
  return spools.map((spool) => ({
    spool,
    ledger: foldSpoolLedger(bySpool.get(spool.id) ?? [], spool.netWeightG),
  }));
}

function remainingOf(r: SpoolRow): number {
  if (r.spool.status !== 'active' || r.ledger.disposed) return 0;
  return Math.max(0, r.ledger.remainingG);
}

export function stockGroups(
  rows: readonly SpoolRow[],
  now: number,
  settingsFor: (key: string) => ReorderSettings = () => DEFAULT_REORDER,
): StockGroup[] {
  const groups = new Map<string, StockGroup>();
  for (const r of rows) {
    const key = groupKey(r.spool.material, r.spool.colorHex);
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        material: r.spool.material.trim() || '—',
        colorHex: r.spool.colorHex.toUpperCase(),
        colorName: r.spool.colorName,
        spools: 0,
        remainingG: 0,
        usedInWindowG: 0,
        avgDailyUseG: 0,
        reorderPointG: 0,
        daysOfStock: null,
        low: false,
      };
      groups.set(key, g);
    }
    if (remainingOf(r) > 0) g.spools += 1;
    g.remainingG += remainingOf(r);
    const windowStart = now - settingsFor(key).windowDays * DAY_MS;
    for (const m of r.ledger.movements) {
      const t = Date.parse(m.at);
      if (m.type === 'consume' && t > windowStart && t <= now) g.usedInWindowG += Math.abs(m.grams);
    }
  }
  for (const g of groups.values()) finishGroup(g, settingsFor(g.key));
  return [...groups.values()].sort(
    (a, b) => a.material.localeCompare(b.material) || a.colorHex.localeCompare(b.colorHex),
  );
}

function finishGroup(g: StockGroup, s: ReorderSettings): void {
  g.remainingG = round1(g.remainingG);
  g.usedInWindowG = round1(g.usedInWindowG);
  g.avgDailyUseG = s.windowDays > 0 ? g.usedInWindowG / s.windowDays : 0;
  g.reorderPointG = g.avgDailyUseG * (s.leadTimeDays + s.safetyDays);
  g.daysOfStock = g.avgDailyUseG > 0 ? g.remainingG / g.avgDailyUseG : null;
  g.low = g.avgDailyUseG > 0 && g.remainingG <= g.reorderPointG;
}

/** Totals by material (every colour together). */
export function totalsByMaterial(
  groups: readonly StockGroup[],
): { material: string; remainingG: number; spools: number }[] {
  const out = new Map<string, { material: string; remainingG: number; spools: number }>();
  for (const g of groups) {
    const t = out.get(g.material) ?? { material: g.material, remainingG: 0, spools: 0 };
    t.remainingG = round1(t.remainingG + g.remainingG);
    t.spools += g.spools;
    out.set(g.material, t);
  }
  return [...out.values()].sort((a, b) => b.remainingG - a.remainingG);
}

/** Grams consumed per calendar day (local), oldest first, `days` days ending today. */
export function usagePerDay(
  movements: readonly SpoolMovement[],
  now: number,
  days: number,
): { day: string; grams: number }[] {
  const out: { day: string; grams: number }[] = [];
  const index = new Map<string, number>();
  const today = new Date(now);
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    const day = localDay(d);
    index.set(day, out.length);
    out.push({ day, grams: 0 });
  }
  const seen = new Set<string>();
  for (const m of movements) {
    if (m.type !== 'consume' || seen.has(m.id)) continue;
    seen.add(m.id);
    const i = index.get(localDay(new Date(m.at)));
    if (i !== undefined) out[i]!.grams = round1(out[i]!.grams + Math.abs(m.grams));
  }
  return out;
}

export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
