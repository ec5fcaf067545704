import type { StepEvent } from '../domain/step-events.ts';
import type { Operation, WorkOrder } from '../domain/work-orders.ts';
import { type StepState, foldStep } from './step-tracker.ts';

/**
 * A work order's progress as the fold of its steps' events. The status follows the steps:
 * `released` until the first step starts, then `in_progress`; `completed` once every step is
 * completed or skipped and the last completed step reported at least `qtyOrdered` good parts.
 * `draft` and `cancelled` are a planner's decision, not the floor's: when passed as
 * `plannedStatus` they are kept whatever the events say.
 */

export type WorkOrderStatus = WorkOrder['status'];

export interface WorkOrderState {
  status: WorkOrderStatus;
  /** The running or paused step (the first in sequence if several are). */
  currentStepId: string | null;
  /** The first pending step in sequence: the next thing to start. */
  nextStepId: string | null;
  /** Step state per operation id. */
  stepStates: Record<string, StepState>;
  /** Good quantity of the last step that was not skipped. */
  qtyCompleted: number;
  /** Scrap summed over every step. */
  qtyScrapped: number;
}

/** Operation-like input: only the fields the fold reads. */
export type RoutingStep = Pick<Operation, 'id' | 'sequence'>;

export type EventsByOperation =
  | ReadonlyMap<string, readonly StepEvent[]>
  | Readonly<Record<string, readonly StepEvent[] | undefined>>;

/** Routing steps in sequence order (ties by id, so the order never depends on the input order). */
export function sortOperations<O extends RoutingStep>(operations: readonly O[]): O[] {
  return [...operations].sort((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Groups step events by `operationId`. */
export function groupEventsByOperation(events: readonly StepEvent[]): Map<string, StepEvent[]> {
  const out = new Map<string, StepEvent[]>();
  for (const ev of events) {
    const list = out.get(ev.operationId);
    if (list) list.push(ev);
    else out.set(ev.operationId, [ev]);
  }
  return out;
}

export function foldWorkOrder(
  operations: readonly RoutingStep[],
  eventsByOperation: EventsByOperation,
  qtyOrdered: number,
  now: string | number | Date,
  plannedStatus: WorkOrderStatus = 'released',
): WorkOrderState {
  const ops = sortOperations(operations);
  const stepStates: Record<string, StepState> = {};
  for (const op of ops) stepStates[op.id] = foldStep(eventsOf(eventsByOperation, op.id), now);
  const states = ops.map((op) => ({ id: op.id, state: stepStates[op.id] ?? foldStep([], now) }));

  const current = states.find((x) => x.state.status === 'running' || x.state.status === 'paused');
  const next = states.find((x) => x.state.status === 'pending');
  const lastDone = [...states].reverse().find((x) => x.state.status !== 'skipped');
  const qtyCompleted = lastDone?.state.qtyGood ?? 0;
  const qtyScrapped = states.reduce((sum, x) => sum + x.state.qtyScrap, 0);

  return {
    status: deriveStatus(states.map((x) => x.state), qtyCompleted, qtyOrdered, plannedStatus),
    currentStepId: current?.id ?? null,
    nextStepId: next?.id ?? null,
    stepStates,
    qtyCompleted,
    qtyScrapped,
  };
}

function deriveStatus(
  states: readonly StepState[],
  qtyCompleted: number,
  qtyOrdered: number,
  plannedStatus: WorkOrderStatus,
): WorkOrderStatus {
  if (plannedStatus === 'draft' || plannedStatus === 'cancelled') return plannedStatus;
  if (states.length === 0) return plannedStatus;
  const allDone = states.every((s) => s.status === 'completed' || s.status === 'skipped');
  const anyCompleted = states.some((s) => s.status === 'completed');
  if (allDone && anyCompleted && qtyCompleted >= qtyOrdered) return 'completed';
  const touched = states.some((s) => s.status !== 'pending');
  return touched ? 'in_progress' : 'released';
}

function eventsOf(byOp: EventsByOperation, id: string): readonly StepEvent[] {
  if (byOp instanceof Map) return (byOp as ReadonlyMap<string, readonly StepEvent[]>).get(id) ?? [];
  return (byOp as Readonly<Record<string, readonly StepEvent[] | undefined>>)[id] ?? [];
}
