import { foldStep, groupEventsByOperation, type StepEvent, type SpoolMovement, type StepStatus } from '@printfloor/shared';
import { inFoldOrder } from './timeline.ts';

/**
 * A printer's history from the local data: the steps run on it (the step tracker fold of each
 * operation whose events, or whose assignment, name the printer), the downtime reported on it, and
 * the filament it consumed (spool ledger `consume` entries naming it). Pure; `now` bounds open spans.
 */

export interface HistoryJob {
  operationId: string;
  workOrderId: string;
  status: StepStatus;
  startedAt: string | null;
  endedAt: string | null;
  runningMs: number;
  pausedMs: number;
  qtyGood: number;
  qtyScrap: number;
}

export interface HistoryDowntime {
  id: string;
  from: string;
  /** `null` while it is still open. */
  to: string | null;
  reasonCode: string;
  note: string;
  workOrderId: string;
  minutes: number;
}

export interface HistoryConsumption {
  spoolId: string;
  grams: number;
  entries: number;
  lastAt: string;
}

export interface PrinterHistory {
  jobs: HistoryJob[];
  downtime: HistoryDowntime[];
  consumption: HistoryConsumption[];
  totals: { runningMs: number; downtimeMinutes: number; grams: number; good: number; scrap: number };
}

export function printerHistory(
  printerId: string,
  events: readonly StepEvent[],
  opInfo: ReadonlyMap<string, { printerId: string; workOrderId: string }>,
  movements: readonly SpoolMovement[],
  now: number,
): PrinterHistory {
  const jobs: HistoryJob[] = [];
  const stepPrinter = new Map<string, string>();
  for (const [opId, list] of groupEventsByOperation(events)) {
    if (opId === '') continue;
    const s = foldStep(list, now);
    const p = s.printerId ?? opInfo.get(opId)?.printerId ?? '';
    stepPrinter.set(opId, p);
    if (p !== printerId || s.status === 'pending') continue;
    jobs.push({
      operationId: opId,
      workOrderId: list[0]!.workOrderId || (opInfo.get(opId)?.workOrderId ?? ''),
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      runningMs: s.runningMs,
      pausedMs: s.pausedMs,
      qtyGood: s.qtyGood,
      qtyScrap: s.qtyScrap,
    });
  }
  jobs.sort((a, b) => (b.startedAt ?? b.endedAt ?? '').localeCompare(a.startedAt ?? a.endedAt ?? ''));

  const downtime: HistoryDowntime[] = [];
  for (const e of inFoldOrder(events)) {
    if (e.type !== 'downtime') continue;
    const p = e.printerId || stepPrinter.get(e.operationId) || '';
    if (p !== printerId) continue;
    const from = e.downtimeFrom ?? e.at;
    const end = e.downtimeTo === null ? now : Date.parse(e.downtimeTo);
    downtime.push({
      id: e.id,
      from,
      to: e.downtimeTo,
      reasonCode: e.reasonCode,
      note: e.note,
      workOrderId: e.workOrderId,
      minutes: Math.max(0, (end - Date.parse(from)) / 60_000),
    });
  }
  downtime.reverse();

  const bySpool = new Map<string, HistoryConsumption>();
  const seen = new Set<string>();
  for (const m of movements) {
    if (m.type !== 'consume' || m.printerId !== printerId || seen.has(m.id)) continue;
    seen.add(m.id);
    const c = bySpool.get(m.spoolId) ?? { spoolId: m.spoolId, grams: 0, entries: 0, lastAt: m.at };
    c.grams += m.grams;
    c.entries += 1;
    if (m.at > c.lastAt) c.lastAt = m.at;
    bySpool.set(m.spoolId, c);
  }
  const consumption = [...bySpool.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt));
  return {
    jobs,
    downtime,
    consumption,
    totals: {
      runningMs: jobs.reduce((s, j) => s + j.runningMs, 0),
      downtimeMinutes: downtime.reduce((s, d) => s + d.minutes, 0),
      grams: consumption.reduce((s, c) => s + c.grams, 0),
      good: jobs.reduce((s, j) => s + j.qtyGood, 0),
      scrap: jobs.reduce((s, j) => s + j.qtyScrap, 0),
    },
  };
}
