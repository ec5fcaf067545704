import { z } from 'zod';
import { eventMeta, longText, qty, ref } from './common.ts';

export const STEP_EVENT_TYPES = [
  'start',
  'pause',
  'resume',
  'complete',
  'skip',
  'scrap',
  'downtime',
  'note',
  'qc',
] as const;
export const stepEventType = z.enum(STEP_EVENT_TYPES);
export type StepEventType = z.infer<typeof stepEventType>;

/**
 * Append-only record of what happened to a step (job-shop step_tracker, FilaOps operation actuals,
 * CapLiquify DowntimeEvent / QualityMetric). A step tracker's state is the fold of these events.
 */
export const stepEventSchema = z.strictObject({
  ...eventMeta,
  workOrderId: ref,
  operationId: ref,
  type: stepEventType,
  printerId: ref,
  /** Good parts reported with `complete`. */
  qtyGood: qty,
  /** Scrapped parts reported with `complete` or `scrap`. */
  qtyScrap: qty,
  /** Scrap, pause, skip or downtime reason code; `''` when none. */
  reasonCode: z.string().max(50),
  note: longText,
  qcResult: z.enum(['pass', 'fail']).nullable(),
  /** Downtime interval (device time), for `downtime` events. */
  downtimeFrom: z.string().max(40).nullable(),
  downtimeTo: z.string().max(40).nullable(),
  /** A lead overrode a rule (predecessor not complete) to record this event. */
  override: z.boolean(),
});
export type StepEvent = z.infer<typeof stepEventSchema>;
