import type { SpoolMovement } from '../domain/spools.ts';
import { orderAndDedupe } from './time.ts';

/**
 * A spool's remaining filament as the fold of its append-only ledger (DESIGN.md "Why
 * append-only"): two tablets consuming offline both write movements and the sum is right.
 *
 * Order: by device time `at`, then `id`; replays of one id count once. Sums run in whole
 * milligrams so they are exact and independent of order for any grams given to 0.001 g.
 * By type: receive adds its net grams; consume subtracts |grams|; adjust adds its signed grams;
 * weigh_in is an absolute measurement (remaining := grams, later movements apply on top);
 * dispose marks the spool gone (remaining reported as 0, level empty); load/unload set where it is.
 * A ledger without any receive starts from the spool's nominal `netWeightG` (a spool registered
 * before its ledger, e.g. imported from Spoolman); the first receive replaces that assumption.
 */

export type StockLevel = 'ok' | 'low' | 'critical' | 'empty';

export interface LedgerState {
  /** Net grams left (may go negative when estimates overshoot: a weigh-in settles it). */
  remainingG: number;
  receivedG: number;
  consumedG: number;
  /** remaining / capacity, clamped to 0–100; capacity is `netWeightG`, else the grams received. */
  percent: number;
  level: StockLevel;
  lastWeighInAt: string | null;
  /** Estimated consumption happened since the last weigh-in (or since receipt, without one). */
  estimated: boolean;
  loadedPrinterId: string | null;
  loadedSlot: string | null;
  disposed: boolean;
  /** The movements in fold order (replays removed). */
  movements: SpoolMovement[];
}

/** Stock level by remaining percent: empty ≤ 0, critical ≤ 10, low ≤ 25, else ok. NaN counts as empty. */
export function stockLevel(percent: number): StockLevel {
  if (!(percent > 0)) return 'empty';
  if (percent <= 10) return 'critical';
  if (percent <= 25) return 'low';
  return 'ok';
}

interface Acc {
  remainingMg: number;
  receivedMg: number;
  consumedMg: number;
  lastWeighInAt: string | null;
  estimated: boolean;
  loadedPrinterId: string | null;
  loadedSlot: string | null;
  disposed: boolean;
}

export function foldSpoolLedger(movements: readonly SpoolMovement[], netWeightG: number): LedgerState {
  const ordered = orderAndDedupe(movements);
  const nominalMg = toMg(netWeightG);
  const hasReceive = ordered.some((m) => m.type === 'receive');
  const acc: Acc = {
    remainingMg: hasReceive ? 0 : nominalMg,
    receivedMg: hasReceive ? 0 : nominalMg,
    consumedMg: 0,
    lastWeighInAt: null,
    estimated: false,
    loadedPrinterId: null,
    loadedSlot: null,
    disposed: false,
  };
  for (const m of ordered) apply(acc, m);

  const remainingG = acc.disposed ? 0 : fromMg(acc.remainingMg);
  const capacityMg = nominalMg > 0 ? nominalMg : acc.receivedMg;
  const percent = percentOf(acc.disposed ? 0 : acc.remainingMg, capacityMg);
  return {
    remainingG,
    receivedG: fromMg(acc.receivedMg),
    consumedG: fromMg(acc.consumedMg),
    percent,
    level: acc.disposed ? 'empty' : stockLevel(percent),
    lastWeighInAt: acc.lastWeighInAt,
    estimated: acc.estimated,
    loadedPrinterId: acc.loadedPrinterId,
    loadedSlot: acc.loadedSlot,
    disposed: acc.disposed,
    movements: ordered,
  };
}

function apply(acc: Acc, m: SpoolMovement): void {
  const mg = toMg(m.grams);
  switch (m.type) {
    case 'receive':
      acc.remainingMg += mg;
      acc.receivedMg += mg;
      return;
    case 'consume':
      acc.remainingMg -= Math.abs(mg);
      acc.consumedMg += Math.abs(mg);
      if (m.estimated) acc.estimated = true;
      return;
    case 'adjust':
      acc.remainingMg += mg;
      return;
    case 'weigh_in':
      acc.remainingMg = mg;
      acc.lastWeighInAt = m.at;
      acc.estimated = false;
      return;
    case 'dispose':
      acc.disposed = true;
      return;
    case 'load':
      acc.loadedPrinterId = m.printerId === '' ? null : m.printerId;
      acc.loadedSlot = m.slot === '' ? null : m.slot;
      return;
    case 'unload':
      acc.loadedPrinterId = null;
      acc.loadedSlot = null;
      return;
  }
}

/** The schema's bound on any one movement's grams (domain/common.ts `grams`). */
const MAX_GRAMS = 1_000_000;

/**
 * Whole milligrams. Anything unreadable counts as 0 and values past the schema's bounds are clamped
 * to them, so the fold never yields NaN or an infinity even from a record that skipped validation.
 */
function toMg(g: number): number {
  if (!Number.isFinite(g)) return 0;
  return Math.round(Math.max(-MAX_GRAMS, Math.min(MAX_GRAMS, g)) * 1000);
}

function fromMg(mg: number): number {
  return mg / 1000 + 0; // + 0 turns -0 into 0
}

function percentOf(remainingMg: number, capacityMg: number): number {
  if (capacityMg <= 0) return remainingMg > 0 ? 100 : 0;
  const p = (remainingMg / capacityMg) * 100;
  return Math.min(100, Math.max(0, p));
}
