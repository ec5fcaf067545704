import { canStart, printerWarning, type Role, type StepAction, type StepState } from '@printfloor/shared';
import type { FloorStep } from '../../floor/station-view.ts';

/**
 * What tapping "Start" does, from the shared rules: go; go after a lead confirms the override of
 * the predecessor rule (recorded on the event); refused with the reason (an operator cannot
 * override); or go after confirming that the printer already has a step on it (a warning, never a
 * wall).
 */
export type StartPlan =
  | { kind: 'go'; override: boolean; warning: string | null }
  | { kind: 'confirm-override'; reason: string; warning: string | null }
  | { kind: 'refused'; reason: string };

export function planStart(
  step: FloorStep,
  role: Role,
  printerId: string,
  printerSteps: ReadonlyMap<string, StepState>,
): StartPlan {
  const check = canStart(step.index, step.stepStates, role);
  const warning = printerWarning(printerId, printerSteps, step.op.id).warning ?? null;
  if (check.ok) return { kind: 'go', override: false, warning };
  const reason = check.reason ?? 'this step cannot start now';
  if (check.needsOverride && check.canOverride) return { kind: 'confirm-override', reason, warning };
  if (check.needsOverride) return { kind: 'refused', reason: `${reason} (a lead can override)` };
  return { kind: 'refused', reason };
}

/**
 * The printer a start is recorded on: the one the step is assigned to; else this station's printer
 * when the step belongs to that printer's work center (a QC step started from a printer's tablet
 * does not run on the printer).
 */
export function startPrinterId(
  step: FloorStep,
  stationPrinter: { id: string; workCenterId: string } | null,
): string {
  if (step.op.printerId) return step.op.printerId;
  if (stationPrinter && (step.op.workCenterId === '' || step.op.workCenterId === stationPrinter.workCenterId))
    return stationPrinter.id;
  return '';
}

/**
 * The good quantity a completion form proposes: what came out of the previous step that was not
 * skipped (or the quantity ordered for the first step), less what this step already reported.
 */
export function defaultGoodQty(step: FloorStep): number {
  let incoming = step.wo.qtyOrdered;
  for (let i = step.index - 1; i >= 0; i--) {
    const prev = step.stepStates[i]!;
    if (prev.status === 'skipped') continue;
    if (prev.status === 'completed') incoming = prev.qtyGood;
    break;
  }
  return Math.max(0, incoming - step.state.qtyGood - step.state.qtyScrap);
}

const VERB: Record<StepAction, string> = {
  start: 'Started',
  pause: 'Paused',
  resume: 'Resumed',
  complete: 'Completed',
  skip: 'Skipped',
  scrap: 'Scrap reported on',
  qc: 'QC recorded on',
  downtime: 'Downtime reported on',
  note: 'Note added to',
};

/** The undo bar's line: "Started WO-2026-0003 OP10 Print". */
export function actionLabel(action: StepAction, step: Pick<FloorStep, 'wo' | 'op'>): string {
  return `${VERB[action]} ${step.wo.code} ${step.op.code} ${step.op.name}`.trim();
}

/**
 * Downtime from the form's clock times (HH:MM, today, device time): an interval that ends at or
 * before `now`; a "from" later than now means yesterday. `to` null: still down (open interval).
 */
export function downtimeInterval(
  fromHHMM: string,
  toHHMM: string | null,
  now: Date,
): { from: string; to: string | null } | string {
  const at = (hhmm: string): Date | null => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
    if (!m) return null;
    const h = Number(m[1]);
    const min = Number(m[2]);
    if (h > 23 || min > 59) return null;
    const d = new Date(now);
    d.setHours(h, min, 0, 0);
    if (d.getTime() > now.getTime()) d.setDate(d.getDate() - 1);
    return d;
  };
  const from = at(fromHHMM);
  if (!from) return 'enter the time it went down (HH:MM)';
  if (toHHMM === null) return { from: from.toISOString(), to: null };
  const to = at(toHHMM);
  if (!to) return 'enter the time it came back (HH:MM)';
  if (to.getTime() < from.getTime()) return 'it came back before it went down — check the times';
  return { from: from.toISOString(), to: to.toISOString() };
}

/** `HH:MM` of a date, local time, for the form's defaults. */
export function hhmm(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
