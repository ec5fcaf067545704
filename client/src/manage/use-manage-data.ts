import { useMemo } from 'react';
import {
  foldStep,
  foldWorkOrder,
  groupEventsByOperation,
  sortOperations,
  type Operation,
  type StepEvent,
  type WorkOrder,
  type WorkOrderState,
} from '@printfloor/shared';
import { useLookup, useQuery } from '../hooks/use-query.ts';
import type { FloorStep } from './farm-board.ts';

/** Running and paused steps on the floor, by printer: what the tablets say is happening. */
export function useFloorSteps(): FloorStep[] {
  const { docs: events } = useQuery('step_events', {});
  const ops = useLookup('operations');
  const wos = useLookup('work_orders');
  return useMemo(() => floorSteps(events, ops, wos), [events, ops, wos]);
}

export function floorSteps(
  events: readonly StepEvent[],
  ops: ReadonlyMap<string, Operation>,
  wos: ReadonlyMap<string, WorkOrder>,
): FloorStep[] {
  const out: FloorStep[] = [];
  const now = Date.now();
  for (const [opId, list] of groupEventsByOperation(events)) {
    const s = foldStep(list, now);
    if (s.status !== 'running' && s.status !== 'paused') continue;
    const op = ops.get(opId);
    const printerId = s.printerId || op?.printerId || '';
    if (!printerId) continue;
    const wo = wos.get(list[0]!.workOrderId);
    out.push({
      printerId,
      workOrderCode: wo?.code ?? 'unknown work order',
      operationName: op?.name ?? 'unknown step',
      status: s.status,
    });
  }
  return out;
}

export interface OrderRow {
  wo: WorkOrder;
  ops: Operation[];
  state: WorkOrderState;
}

/** Every work order with its routing and folded state, recomputed when any of them changes. */
export function useOrderRows(now: number): { rows: OrderRow[]; loading: boolean } {
  const { docs: wos, loading } = useQuery('work_orders', {});
  const { docs: ops } = useQuery('operations', {});
  const { docs: events } = useQuery('step_events', {});
  // Folding is bounded by `now` only for running minutes; a minute's resolution is plenty here.
  const minute = Math.floor(now / 60_000);
  const rows = useMemo(() => {
    const opsBy = new Map<string, Operation[]>();
    for (const op of ops) opsBy.set(op.workOrderId, [...(opsBy.get(op.workOrderId) ?? []), op]);
    const evBy = groupEventsByOperation(events);
    const t = minute * 60_000;
    return wos.map((wo) => {
      const list = sortOperations(opsBy.get(wo.id) ?? []);
      return { wo, ops: list, state: foldWorkOrder(list, evBy, wo.qtyOrdered, t, wo.status) };
    });
  }, [wos, ops, events, minute]);
  return { rows, loading };
}
