import { z } from 'zod';
import { hexColor, longText, mutableMeta, ref, shortText } from './common.ts';

export const PRINTER_PROTOCOLS = ['bambu', 'octoprint', 'moonraker', 'printfloor'] as const;

/** A printer or machine (FilaOps printers / resources). Connection secrets stay on the server. */
export const printerSchema = z.strictObject({
  ...mutableMeta,
  code: z.string().min(1).max(50),
  name: shortText,
  brand: z.string().max(50),
  protocol: z.enum(PRINTER_PROTOCOLS),
  model: z.string().max(100),
  serial: z.string().max(100),
  location: shortText,
  workCenterId: ref,
  /** Number of filament slots (AMS trays or tools); 1 for a single-extruder printer. */
  slots: z.int().min(0).max(64),
  active: z.boolean(),
  notes: longText,
});
export type Printer = z.infer<typeof printerSchema>;

/**
 * One step of a part's stored routing template (FilaOps routing_operations, job-shop
 * process_template): what a new work order for the part copies into its operations. Run time is
 * per unit; a work order for qty N plans `runMinutesPerUnit × N`.
 */
export const templateStepSchema = z.strictObject({
  code: z.string().max(50),
  name: shortText,
  workCenterId: ref,
  /** `''` when any printer of the work center will do. */
  printerId: ref,
  plannedSetupMinutes: z.number().min(0).max(100_000),
  runMinutesPerUnit: z.number().min(0).max(100_000),
  notes: longText,
});
export type TemplateStep = z.infer<typeof templateStepSchema>;

/** A routing template holds at most this many steps (a work order's routing rarely passes a dozen). */
export const MAX_ROUTING_STEPS = 50;

/** A part or product (job-shop part, FilaOps products). */
export const partSchema = z.strictObject({
  ...mutableMeta,
  code: z.string().min(1).max(50),
  drawingNumber: z.string().max(100),
  revision: z.string().max(20),
  description: shortText,
  material: z.string().max(50),
  colorHex: hexColor.nullable(),
  gramsPerPart: z.number().min(0).max(100_000),
  printMinutes: z.number().min(0).max(100_000),
  notes: longText,
  /**
   * The stored routing template, in order; `[]` = none (new work orders then derive one). The whole
   * array is one field for the three-way merge: two managers editing it at once clash as a unit.
   */
  routing: z.array(templateStepSchema).max(MAX_ROUTING_STEPS).default([]),
});
export type Part = z.infer<typeof partSchema>;

const referenceFields = {
  ...mutableMeta,
  code: z.string().min(1).max(50),
  name: shortText,
  active: z.boolean(),
};

export const scrapReasonSchema = z.strictObject({ ...referenceFields });
export type ScrapReason = z.infer<typeof scrapReasonSchema>;

export const downtimeReasonSchema = z.strictObject({ ...referenceFields, planned: z.boolean() });
export type DowntimeReason = z.infer<typeof downtimeReasonSchema>;

export const WORK_CENTER_KINDS = ['print', 'post_process', 'qc', 'assembly', 'packing', 'other'] as const;
export const workCenterSchema = z.strictObject({ ...referenceFields, kind: z.enum(WORK_CENTER_KINDS) });
export type WorkCenter = z.infer<typeof workCenterSchema>;

export const ROLES = ['operator', 'lead', 'manager', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

/** A person on the floor: display name and badge code (never a password or PIN). */
export const personSchema = z.strictObject({
  ...mutableMeta,
  displayName: shortText,
  badgeCode: z.string().max(64),
  role,
  active: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;
