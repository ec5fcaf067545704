import type { Role } from '../domain/assets.ts';
import type { StepState, StepStatus } from '../folds/step-tracker.ts';

/**
 * The floor rules of a step tracker (issue 3) as pure functions over folded step states. The UI
 * asks before it writes an event; the fold still accepts whatever arrives (offline tablets), so
 * these rules guide people, they do not guard the data.
 */

export type StepAction = 'start' | 'pause' | 'resume' | 'complete' | 'skip' | 'scrap' | 'qc' | 'downtime' | 'note';

export const STEP_ACTIONS: readonly StepAction[] = [
  'start',
  'pause',
  'resume',
  'complete',
  'skip',
  'scrap',
  'qc',
  'downtime',
  'note',
];

/** Outcome of a rule check. `ok: false` carries a reason a person can read. */
export interface RuleCheck {
  ok: boolean;
  reason?: string;
  /** Blocked only by a rule a lead may override (the predecessor rule). */
  needsOverride?: boolean;
  /** Whether the asking role may override it (then write the event with `override: true`). */
  canOverride?: boolean;
  /** The action goes ahead as an override of the predecessor rule (record `override: true`). */
  override?: boolean;
  /** Allowed, but worth a confirmation (e.g. the printer already has a step on it). */
  warning?: string;
}

/** Leads, managers and admins may skip steps and override the predecessor rule. */
export function isLead(role: Role): boolean {
  return role === 'lead' || role === 'manager' || role === 'admin';
}

const ACTIONS_BY_STATUS: Record<StepStatus, readonly StepAction[]> = {
  pending: ['start', 'skip', 'downtime', 'note'],
  running: ['pause', 'complete', 'skip', 'scrap', 'qc', 'downtime', 'note'],
  paused: ['resume', 'complete', 'skip', 'scrap', 'qc', 'downtime', 'note'],
  completed: ['scrap', 'qc', 'note'],
  skipped: ['note'],
};

const LEAD_ONLY: ReadonlySet<StepAction> = new Set<StepAction>(['skip']);

/** Actions that must carry a reason code (pause, skip, downtime; scrap is checked on its quantity). */
const NEEDS_REASON: ReadonlySet<StepAction> = new Set<StepAction>(['pause', 'skip', 'downtime', 'scrap']);

/** The actions this role may take on a step in this status, in the order the UI shows them. */
export function allowedActions(status: StepStatus, role: Role): StepAction[] {
  return ACTIONS_BY_STATUS[status].filter((a) => !LEAD_ONLY.has(a) || isLead(role));
}

/** Whether an action is allowed in this status for this role, with a reason when it is not. */
export function canAct(action: StepAction, status: StepStatus, role: Role): RuleCheck {
  if (!ACTIONS_BY_STATUS[status].includes(action)) {
    return { ok: false, reason: `cannot ${action} a ${status} step` };
  }
  if (LEAD_ONLY.has(action) && !isLead(role)) return { ok: false, reason: `only a lead may ${action} a step` };
  return { ok: true };
}

/** Whether the action must be recorded with a reason code. */
export function requiresReason(action: StepAction): boolean {
  return NEEDS_REASON.has(action);
}

/**
 * Whether the step at `opIndex` (in routing order) may start. The predecessor must be completed or
 * skipped; a lead, manager or admin may override (pass `override: true` after they confirm, and
 * record it on the start event). A step that is not pending cannot start at all.
 */
export function canStart(
  opIndex: number,
  stepStates: readonly StepState[],
  role: Role,
  opts: { override?: boolean } = {},
): RuleCheck {
  const self = stepStates[opIndex];
  if (self === undefined) return { ok: false, reason: 'no such step' };
  if (self.status !== 'pending') return { ok: false, reason: `the step is already ${self.status}` };
  const prev = opIndex > 0 ? stepStates[opIndex - 1] : undefined;
  if (prev === undefined || prev.status === 'completed' || prev.status === 'skipped') return { ok: true };
  const canOverride = isLead(role);
  if (opts.override === true && canOverride) return { ok: true, override: true };
  return {
    ok: false,
    reason: `the previous step is ${prev.status}; it must be completed or skipped first`,
    needsOverride: true,
    canOverride,
  };
}

/** A step with the printer it runs on, for the one-running-step-per-printer warning. */
export type StepsById = ReadonlyMap<string, StepState> | Readonly<Record<string, StepState>>;

/**
 * Operation ids of steps occupying `printerId` (running or paused: a paused print still sits on the
 * bed), leaving out `exceptOperationId`. Empty printer ids never clash.
 */
export function runningOnPrinter(printerId: string, steps: StepsById, exceptOperationId?: string): string[] {
  if (printerId === '') return [];
  const entries: [string, StepState][] =
    steps instanceof Map
      ? [...(steps as ReadonlyMap<string, StepState>)]
      : Object.entries(steps as Readonly<Record<string, StepState>>);
  return entries
    .filter(([id, s]) => id !== exceptOperationId && s.printerId === printerId)
    .filter(([, s]) => s.status === 'running' || s.status === 'paused')
    .map(([id]) => id)
    .sort();
}

/**
 * One running step per printer is a warning, not a wall: `ok` stays true and `warning` names the
 * steps already on it, so the UI can ask "start anyway?".
 */
export function printerWarning(printerId: string, steps: StepsById, exceptOperationId?: string): RuleCheck {
  const busy = runningOnPrinter(printerId, steps, exceptOperationId);
  if (busy.length === 0) return { ok: true };
  return { ok: true, warning: `printer already has ${busy.length} step(s) on it: ${busy.join(', ')}` };
}

/** A completion report: quantities must be whole and non-negative; scrap needs a reason. */
export function checkCompletion(input: { qtyGood: number; qtyScrap: number; reasonCode: string }): RuleCheck {
  const { qtyGood, qtyScrap, reasonCode } = input;
  if (!Number.isInteger(qtyGood) || qtyGood < 0) return { ok: false, reason: 'good quantity must be a whole number ≥ 0' };
  if (!Number.isInteger(qtyScrap) || qtyScrap < 0) {
    return { ok: false, reason: 'scrap quantity must be a whole number ≥ 0' };
  }
  if (qtyScrap > 0 && reasonCode.trim() === '') return { ok: false, reason: 'scrap needs a reason' };
  return { ok: true };
}
