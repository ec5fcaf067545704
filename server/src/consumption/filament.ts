import type { PrinterStatus } from '@printfloor/shared';

/**
 * Pure arithmetic of automatic consumption (issue 5): how many grams a print took from a spool,
 * from the AMS tray remaining-% delta or from the job's filament length. No I/O here.
 */

/** Material densities in g/cm³; anything unlisted counts as PLA (the most common filament). */
export const DENSITY_G_CM3 = {
  PLA: 1.24,
  PETG: 1.27,
  ABS: 1.04,
  ASA: 1.07,
  TPU: 1.21,
  PA: 1.14,
} as const;
export const DEFAULT_DENSITY_G_CM3 = 1.24;

/** Longest key first: `PETG` before `PA`, so `PETG-CF` is PETG and `PA6-CF` / `PAHT` are PA. */
const KEYS = (Object.keys(DENSITY_G_CM3) as (keyof typeof DENSITY_G_CM3)[]).sort(
  (a, b) => b.length - a.length,
);

/**
 * Density of a material as spools name it (`PLA`, `PLA+`, `PETG-CF`, `PolyMax PETG`, `PA6-CF`):
 * a word equal to a known material wins, then a word starting with one; brand words are passed over.
 */
export function densityOf(material: string): number {
  const words = material
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const key = KEYS.find((k) => words.includes(k)) ?? KEYS.find((k) => words.some((w) => w.startsWith(k)));
  return key ? DENSITY_G_CM3[key] : DEFAULT_DENSITY_G_CM3;
}

/** Grams of a filament length: cylinder volume (mm³ → cm³) × density. */
export function gramsFromLength(lengthMm: number, diameterMm: number, material: string): number {
  if (!(lengthMm > 0) || !(diameterMm > 0)) return 0;
  const r = diameterMm / 2;
  return ((Math.PI * r * r * lengthMm) / 1000) * densityOf(material);
}

/** Rounded to 0.1 g: the ledger shows grams, and a float tail would only look like precision. */
export const roundGrams = (g: number): number => Math.round(g * 10) / 10;

/** A loaded spool as the planner needs it. */
export interface LoadedSpool {
  id: string;
  slot: string;
  material: string;
  diameterMm: number;
  netWeightG: number;
}

export interface ConsumptionPlanItem {
  spool: LoadedSpool;
  grams: number;
  method: 'ams-delta' | 'filament-estimate';
  /** Human-readable basis, stored as the movement's note. */
  basis: string;
}

const remainOf = (s: PrinterStatus | null, slot: string): number | null =>
  s?.trays.find((t) => t.slot === slot)?.remainPercent ?? null;

/**
 * What each loaded spool gave to one print, from its status at the start (null when the relay
 * never saw the start) and at the end (finished, or failed: what was used up to the failure).
 *
 * Per spool: the AMS tray in the spool's slot, when both ends report a remaining %, gives
 * (start − end) % of the spool's net weight. Otherwise a printer that reports the job's filament
 * length (Moonraker) gives its weight — attributed only when it can be told which spool fed the
 * job: the only loaded spool, or the one in the active tray. Nothing measurable → no item (zero or
 * negative deltas — a spool swapped or refilled mid-print — record nothing rather than a guess).
 */
export function planConsumption(
  start: PrinterStatus | null,
  end: PrinterStatus,
  spools: readonly LoadedSpool[],
): ConsumptionPlanItem[] {
  const out: ConsumptionPlanItem[] = [];
  const measured = new Set<string>();
  for (const spool of spools) {
    const before = remainOf(start, spool.slot);
    const after = remainOf(end, spool.slot);
    if (before === null || after === null) continue;
    measured.add(spool.id);
    const grams = roundGrams(((before - after) / 100) * spool.netWeightG);
    if (grams > 0) {
      out.push({
        spool,
        grams,
        method: 'ams-delta',
        basis: `${spool.slot} ${before}% → ${after}% of ${spool.netWeightG} g`,
      });
    }
  }
  const used = end.filamentUsedMm;
  if (used !== null && used > 0) {
    const spool = feedingSpool(
      end,
      spools.filter((s) => !measured.has(s.id)),
      spools.length,
    );
    if (spool) {
      const grams = roundGrams(gramsFromLength(used, spool.diameterMm, spool.material));
      if (grams > 0) {
        out.push({
          spool,
          grams,
          method: 'filament-estimate',
          basis: `job filament ${Math.round(used)} mm of ${spool.diameterMm} mm ${spool.material || 'filament'} (${densityOf(spool.material)} g/cm³)`,
        });
      }
    }
  }
  return out;
}

/** The spool the job's filament length belongs to, when that is unambiguous. */
function feedingSpool(
  end: PrinterStatus,
  candidates: readonly LoadedSpool[],
  loadedCount: number,
): LoadedSpool | null {
  if (loadedCount === 1 && candidates.length === 1) return candidates[0] ?? null;
  const active = end.trays.find((t) => t.active)?.slot;
  return active === undefined ? null : (candidates.find((s) => s.slot === active) ?? null);
}
