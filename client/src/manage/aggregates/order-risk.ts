import type { Operation, StepState, WorkOrder } from '@printfloor/shared';

/**
 * Late and at-risk work orders (issue 6): due date against the planned minutes still ahead.
 *
 * Decisions (a manager can check them by hand):
 * - A due date `YYYY-MM-DD` means "by the end of that day", local time of the screen.
 * - Minutes left = setup + run of every step not completed or skipped; a running or paused step
 *   counts what is left of its plan after the time it has already run (never below 0).
 * - Steps run one after the other (a routing is a sequence); clock minutes, no shift calendar.
 * - late: open and past its due end. at risk: open, not late, and now + minutes left > due end,
 *   or less than `slackMinutes` of slack remain. on track otherwise; none without a due date.
 */
export type OrderRisk = 'late' | 'at_risk' | 'on_track' | 'none';

export type PlannedStep = Pick<Operation, 'id' | 'plannedSetupMinutes' | 'plannedRunMinutes'>;

/** End of the due day (local midnight after it), in ms; null for an empty or unreadable date. */
export function dueEndMs(dueDate: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dueDate);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime();
}

export function remainingPlannedMinutes(
  steps: readonly PlannedStep[],
  stepStates: Readonly<Record<string, StepState | undefined>>,
): number {
  let total = 0;
  for (const op of steps) {
    const st = stepStates[op.id];
    const planned = op.plannedSetupMinutes + op.plannedRunMinutes;
    if (!st || st.status === 'pending') total += planned;
    else if (st.status === 'running' || st.status === 'paused')
      total += Math.max(0, planned - st.runningMs / 60_000);
  }
  return total;
}

export interface RiskInput {
  status: WorkOrder['status'];
  dueDate: string;
  remainingMinutes: number;
  now: number;
  /** Less slack than this (minutes) is at risk too; default 0. */
  slackMinutes?: number;
}

export function orderRisk(i: RiskInput): OrderRisk {
  if (i.status === 'completed' || i.status === 'cancelled') return 'none';
  const due = dueEndMs(i.dueDate);
  if (due === null) return 'none';
  if (i.now >= due) return 'late';
  const slack = (due - i.now) / 60_000 - i.remainingMinutes;
  return slack < (i.slackMinutes ?? 0) ? 'at_risk' : 'on_track';
}

/** Share of routing steps done (completed or skipped), 0–1; 0 for a work order without steps. */
export function routingProgress(
  steps: readonly Pick<Operation, 'id'>[],
  stepStates: Readonly<Record<string, StepState | undefined>>,
): number {
  if (steps.length === 0) return 0;
  const done = steps.filter((s) => {
    const st = stepStates[s.id]?.status;
    return st === 'completed' || st === 'skipped';
  }).length;
  return done / steps.length;
}

/**
 * Codes that more than one live work order carries. The planner refuses a code this device knows,
 * but two managers working offline can still pick the same next number; the board shows such
 * orders so a lead renames one. Compared as typed, trimmed (the editor's rule).
 */
export function duplicateCodes(codes: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const raw of codes) {
    const code = raw.trim();
    if (!code) continue;
    if (seen.has(code)) twice.add(code);
    else seen.add(code);
  }
  return twice;
}
