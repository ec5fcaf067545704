import type { SpoolMovement } from '@printfloor/shared';

/**
 * Traceability from the spool ledger: which spools (and lots) went into a work order, and which
 * work orders a spool fed. A `consume` movement belongs to a work order when it names it, or names
 * one of its operations (a tablet that knew the step but not the order). Consumption is a delta,
 * so several tablets' entries simply add up; estimated entries (printer telemetry, job estimates)
 * are counted apart so a reader knows how much of the figure was weighed.
 */

export interface SpoolInfo {
  code: string;
  lot: string;
  material: string;
  colorHex: string;
}

export interface SpoolUse {
  spoolId: string;
  grams: number;
  /** The part of `grams` from estimated entries. */
  estimatedG: number;
  entries: number;
  operationIds: string[];
  firstAt: string;
  lastAt: string;
}

export interface LotUse {
  /** `''` when the spools carry no lot. */
  lot: string;
  grams: number;
  spoolIds: string[];
}

export interface WorkOrderTrace {
  spools: SpoolUse[];
  lots: LotUse[];
  grams: number;
}

export interface FedOrder {
  workOrderId: string;
  grams: number;
  estimatedG: number;
  entries: number;
  operationIds: string[];
  firstAt: string;
  lastAt: string;
}

/** The work order a consumption belongs to: its own ref, else its operation's order; `''` if neither. */
export function consumptionOrder(m: SpoolMovement, opOrder: ReadonlyMap<string, string>): string {
  return m.workOrderId || opOrder.get(m.operationId) || '';
}

interface Acc {
  grams: number;
  estimatedG: number;
  entries: number;
  ops: Set<string>;
  firstAt: string;
  lastAt: string;
}

function accumulate(map: Map<string, Acc>, key: string, m: SpoolMovement): void {
  const a = map.get(key) ?? { grams: 0, estimatedG: 0, entries: 0, ops: new Set<string>(), firstAt: m.at, lastAt: m.at };
  a.grams += m.grams;
  if (m.estimated) a.estimatedG += m.grams;
  a.entries += 1;
  if (m.operationId) a.ops.add(m.operationId);
  if (m.at < a.firstAt) a.firstAt = m.at;
  if (m.at > a.lastAt) a.lastAt = m.at;
  map.set(key, a);
}

function consumptions(movements: readonly SpoolMovement[]): SpoolMovement[] {
  const seen = new Set<string>();
  return movements.filter((m) => m.type === 'consume' && !seen.has(m.id) && seen.add(m.id));
}

/** Spools and lots consumed by work order `workOrderId`, most grams first. */
export function traceWorkOrder(
  workOrderId: string,
  movements: readonly SpoolMovement[],
  opOrder: ReadonlyMap<string, string>,
  spools: ReadonlyMap<string, Pick<SpoolInfo, 'lot'>>,
): WorkOrderTrace {
  const by = new Map<string, Acc>();
  for (const m of consumptions(movements)) if (consumptionOrder(m, opOrder) === workOrderId) accumulate(by, m.spoolId, m);
  const list: SpoolUse[] = [...by].map(([spoolId, a]) => ({
    spoolId,
    grams: a.grams,
    estimatedG: a.estimatedG,
    entries: a.entries,
    operationIds: [...a.ops].sort(),
    firstAt: a.firstAt,
    lastAt: a.lastAt,
  }));
  list.sort((a, b) => b.grams - a.grams || a.spoolId.localeCompare(b.spoolId));
  const lots = new Map<string, LotUse>();
  for (const u of list) {
    const lot = spools.get(u.spoolId)?.lot ?? '';
    const l = lots.get(lot) ?? { lot, grams: 0, spoolIds: [] };
    l.grams += u.grams;
    l.spoolIds.push(u.spoolId);
    lots.set(lot, l);
  }
  return {
    spools: list,
    lots: [...lots.values()].sort((a, b) => b.grams - a.grams || a.lot.localeCompare(b.lot)),
    grams: list.reduce((s, u) => s + u.grams, 0),
  };
}

/**
 * Work orders a spool fed, earliest first. Consumption not tied to any order is reported under
 * `workOrderId: ''` (test prints, purges) so the spool's total still adds up.
 */
export function traceSpool(
  spoolId: string,
  movements: readonly SpoolMovement[],
  opOrder: ReadonlyMap<string, string>,
): FedOrder[] {
  const by = new Map<string, Acc>();
  for (const m of consumptions(movements)) if (m.spoolId === spoolId) accumulate(by, consumptionOrder(m, opOrder), m);
  return [...by]
    .map(([workOrderId, a]) => ({
      workOrderId,
      grams: a.grams,
      estimatedG: a.estimatedG,
      entries: a.entries,
      operationIds: [...a.ops].sort(),
      firstAt: a.firstAt,
      lastAt: a.lastAt,
    }))
    .sort((a, b) => a.firstAt.localeCompare(b.firstAt) || a.workOrderId.localeCompare(b.workOrderId));
}
