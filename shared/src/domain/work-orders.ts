import { z } from 'zod';
import { isoDateOrEmpty, longText, mutableMeta, qty, ref, shortText } from './common.ts';

export const WORK_ORDER_STATUSES = ['draft', 'released', 'in_progress', 'completed', 'cancelled'] as const;
export const workOrderStatus = z.enum(WORK_ORDER_STATUSES);

/** A work order (FilaOps production_orders, job-shop job + order_item, CapLiquify ProductionJob). */
export const workOrderSchema = z.strictObject({
  ...mutableMeta,
  code: z.string().min(1).max(50),
  partId: ref,
  title: shortText,
  qtyOrdered: qty,
  qtyCompleted: qty,
  qtyScrapped: qty,
  status: workOrderStatus,
  onHold: z.boolean(),
  /** 1 = highest, 5 = lowest. */
  priority: z.int().min(1).max(5),
  dueDate: isoDateOrEmpty,
  customerName: shortText,
  poNumber: z.string().max(100),
  lineRef: z.string().max(100),
  materialHint: z.string().max(100),
  notes: longText,
  createdAt: z.string().max(40),
});
export type WorkOrder = z.infer<typeof workOrderSchema>;

/** A routing step of a work order (FilaOps production_order_operations, job-shop process_template). */
export const operationSchema = z.strictObject({
  ...mutableMeta,
  workOrderId: ref,
  sequence: z.int().min(0).max(10_000),
  code: z.string().max(50),
  name: shortText,
  workCenterId: ref,
  plannedSetupMinutes: z.number().min(0).max(100_000),
  plannedRunMinutes: z.number().min(0).max(100_000),
  /** The printer or machine this step is assigned to, `''` when any in the work center will do. */
  printerId: ref,
  notes: longText,
});
export type Operation = z.infer<typeof operationSchema>;
