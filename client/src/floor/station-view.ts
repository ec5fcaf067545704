import {
  canStart,
  type Operation,
  type StepState,
  type WorkOrder,
  type WorkOrderState,
} from '@printfloor/shared';
import type { StationRef } from './station.ts';

/**
 * What the home screen of a station shows (issue 3, "Home = my station"), as a pure function of
 * the work orders that have a step here: the steps running or paused here, the queue of steps
 * ready to start here ordered by priority then due date, and how many more wait on a previous step.
 */

/** A work order with its routing (in sequence) and its folded state. */
export interface FloorWorkOrder {
  wo: WorkOrder;
  ops: readonly Operation[];
  state: WorkOrderState;
}

/** One step, with what the rules need to act on it. */
export interface FloorStep {
  wo: WorkOrder;
  op: Operation;
  /** Position in the routing. */
  index: number;
  state: StepState;
  /** Every step state of the work order, in routing order (for `canStart`). */
  stepStates: StepState[];
}

export interface StationView {
  running: FloorStep[];
  queue: FloorStep[];
  /** Pending steps here whose previous step is not done yet. */
  waiting: number;
}

const OPEN: ReadonlySet<WorkOrder['status']> = new Set(['released', 'in_progress']);

/**
 * Work orders whose steps the floor may start: not on hold, and open both by the stored status (a
 * planner may close an order by hand) and by the status its steps derive (the stored one can lag
 * behind events that just arrived).
 */
export function isWorkable(wo: WorkOrder, derived: WorkOrder['status']): boolean {
  return !wo.onHold && OPEN.has(wo.status) && OPEN.has(derived);
}

/**
 * Whether a routing step belongs to this station: on a printer station, steps assigned to that
 * printer and unassigned steps of its work center; on a work-center station (a bench), every step
 * of that work center.
 */
export function isAtStation(
  op: Pick<Operation, 'printerId' | 'workCenterId'>,
  station: Pick<StationRef, 'kind' | 'id'>,
  printerWorkCenterId = '',
): boolean {
  if (station.kind === 'printer') {
    return (
      op.printerId === station.id ||
      (op.printerId === '' && printerWorkCenterId !== '' && op.workCenterId === printerWorkCenterId)
    );
  }
  return op.workCenterId === station.id;
}

/** Where a started step actually runs: the printer its events name, else the one it was assigned. */
export function runsAtStation(step: FloorStep, station: Pick<StationRef, 'kind' | 'id'>): boolean {
  if (station.kind === 'printer') return (step.state.printerId ?? step.op.printerId) === station.id;
  return step.op.workCenterId === station.id;
}

export function stepsOf(c: FloorWorkOrder): FloorStep[] {
  const stepStates = c.ops
    .map((o) => c.state.stepStates[o.id])
    .filter((s): s is StepState => s !== undefined);
  if (stepStates.length !== c.ops.length) return [];
  return c.ops.map((op, index) => ({ wo: c.wo, op, index, state: stepStates[index]!, stepStates }));
}

/** Most urgent first: priority 1 before 5, earlier due date (undated last), then code and sequence. */
export function compareQueue(a: FloorStep, b: FloorStep): number {
  return (
    a.wo.priority - b.wo.priority ||
    (a.wo.dueDate || '9999-99-99').localeCompare(b.wo.dueDate || '9999-99-99') ||
    a.wo.code.localeCompare(b.wo.code) ||
    a.op.sequence - b.op.sequence
  );
}

export function buildStationView(
  candidates: Iterable<FloorWorkOrder>,
  station: Pick<StationRef, 'kind' | 'id'>,
  printerWorkCenterId = '',
): StationView {
  const running: FloorStep[] = [];
  const queue: FloorStep[] = [];
  let waiting = 0;
  for (const c of candidates) {
    const workable = isWorkable(c.wo, c.state.status);
    for (const step of stepsOf(c)) {
      const st = step.state.status;
      // A paused print still sits on the bed: it shows here even when its order is on hold.
      if (st === 'running' || st === 'paused') {
        if (runsAtStation(step, station)) running.push(step);
      } else if (st === 'pending' && workable && isAtStation(step.op, station, printerWorkCenterId)) {
        if (canStart(step.index, step.stepStates, 'operator').ok) queue.push(step);
        else waiting++;
      }
    }
  }
  running.sort(
    (a, b) => (a.state.startedAt ?? '').localeCompare(b.state.startedAt ?? '') || compareQueue(a, b),
  );
  queue.sort(compareQueue);
  return { running, queue, waiting };
}

/** The one big button: what to do next here. */
export type NextThing =
  | { kind: 'complete'; step: FloorStep }
  | { kind: 'resume'; step: FloorStep }
  | { kind: 'start'; step: FloorStep }
  | { kind: 'idle' };

export function nextThing(view: StationView): NextThing {
  const running = view.running.find((s) => s.state.status === 'running');
  if (running) return { kind: 'complete', step: running };
  const paused = view.running[0];
  if (paused) return { kind: 'resume', step: paused };
  const first = view.queue[0];
  return first ? { kind: 'start', step: first } : { kind: 'idle' };
}
