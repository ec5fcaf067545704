import { foldWorkOrder, groupEventsByOperation, type DocOf, type StepEvent, type WorkOrder } from '@printfloor/shared';
import type { PrintfloorDatabase } from './database.ts';
import type { LocalWriter, NewRecord } from './writes.ts';
import type { UndoPlan } from './undo-plan.ts';

export type StepEventInput = Pick<NewRecord<'step_events'>, 'type'> & Partial<NewRecord<'step_events'>>;

/** Fills the fields an event of this type does not use, so callers only say what matters. */
export function stepEvent(workOrderId: string, operationId: string, input: StepEventInput): NewRecord<'step_events'> {
  return {
    workOrderId,
    operationId,
    printerId: '',
    qtyGood: 0,
    qtyScrap: 0,
    reasonCode: '',
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
    ...input,
  };
}

/**
 * Records a step event and lets the work order follow its steps (issue 3: released → in progress
 * on the first start, completed with the last step). Only fields that changed are patched, so two
 * tablets deriving the same status never clash.
 */
export async function recordStepEvent(
  db: PrintfloorDatabase,
  writer: LocalWriter,
  workOrderId: string,
  operationId: string,
  input: StepEventInput,
): Promise<StepEvent> {
  const event = await writer.append('step_events', stepEvent(workOrderId, operationId, input));
  await syncWorkOrderStatus(db, writer, workOrderId);
  return event;
}

/** `recordStepEvent` with what an undo needs: the event is retracted and the work order re-derived. */
export async function recordStepEventUndoable(
  db: PrintfloorDatabase,
  writer: LocalWriter,
  workOrderId: string,
  operationId: string,
  input: StepEventInput,
): Promise<{ event: StepEvent; plan: UndoPlan }> {
  const event = await recordStepEvent(db, writer, workOrderId, operationId, input);
  return {
    event,
    plan: { appended: [{ name: 'step_events', id: event.id }], created: [], patched: [], workOrders: [workOrderId] },
  };
}

export async function syncWorkOrderStatus(db: PrintfloorDatabase, writer: LocalWriter, workOrderId: string): Promise<void> {
  const woDoc = await db.work_orders.findOne(workOrderId).exec();
  if (!woDoc) return;
  const wo = woDoc.toJSON() as WorkOrder;
  const [ops, events] = await Promise.all([
    db.operations.find({ selector: { workOrderId } }).exec(),
    db.step_events.find({ selector: { workOrderId } }).exec(),
  ]);
  const state = foldWorkOrder(
    ops.map((o) => o.toJSON() as DocOf<'operations'>),
    groupEventsByOperation(events.map((e) => e.toJSON() as StepEvent)),
    wo.qtyOrdered,
    Date.now(),
    wo.status,
  );
  const patch: Partial<WorkOrder> = {};
  if (state.status !== wo.status) patch.status = state.status;
  if (state.qtyCompleted !== wo.qtyCompleted) patch.qtyCompleted = state.qtyCompleted;
  if (state.qtyScrapped !== wo.qtyScrapped) patch.qtyScrapped = state.qtyScrapped;
  if (Object.keys(patch).length > 0) await writer.patch('work_orders', workOrderId, patch);
}
