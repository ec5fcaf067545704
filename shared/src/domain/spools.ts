import { z } from 'zod';
import { eventMeta, grams, hexColor, longText, mutableMeta, ref, shortText } from './common.ts';

export const SPOOL_STATUSES = ['active', 'empty', 'disposed'] as const;

/** A filament spool (FilaOps material_spools, Batchivo spools). Remaining weight is NOT stored here: it is the fold of the spool's ledger. */
export const spoolSchema = z.strictObject({
  ...mutableMeta,
  code: z.string().min(1).max(50),
  material: z.string().max(50),
  colorName: z.string().max(100),
  colorHex: hexColor,
  brand: z.string().max(100),
  diameterMm: z.number().min(0.5).max(5),
  /** Filament net weight when new, grams. */
  netWeightG: z.number().min(0).max(100_000),
  /** Weight of the empty spool, grams; a weigh-in's gross weight minus this is what remains. */
  tareWeightG: z.number().min(0).max(100_000),
  lot: z.string().max(100),
  location: shortText,
  status: z.enum(SPOOL_STATUSES),
  /** Printer the spool is loaded on, `''` when not loaded. */
  loadedPrinterId: ref,
  /** AMS slot or tool on that printer (e.g. `AMS1-2`, `T0`), `''` when not loaded. */
  loadedSlot: z.string().max(20),
  /** Spoolman spool id, so Spoolman's `web+spoolman:s-<id>` labels keep working. */
  spoolmanId: z.string().max(40).nullable(),
  ean: z.string().max(20).nullable(),
  receivedAt: z.string().max(40),
  notes: longText,
});
export type Spool = z.infer<typeof spoolSchema>;

export const SPOOL_MOVEMENT_TYPES = [
  'receive',
  'consume',
  'weigh_in',
  'adjust',
  'dispose',
  'load',
  'unload',
] as const;
export const spoolMovementType = z.enum(SPOOL_MOVEMENT_TYPES);
export type SpoolMovementType = z.infer<typeof spoolMovementType>;

/**
 * Append-only spool ledger (Batchivo inventory_transactions, FilaOps production_order_spools).
 * `grams` means, by type: receive → net grams received; consume → grams used (≥ 0);
 * weigh_in → remaining net grams measured (gross − tare, an absolute measurement);
 * adjust → signed correction; dispose, load, unload → 0.
 */
export const spoolMovementSchema = z.strictObject({
  ...eventMeta,
  spoolId: ref,
  type: spoolMovementType,
  grams,
  /** Gross weight read from the scale for `weigh_in`. */
  grossWeightG: z.number().min(0).max(100_000).nullable(),
  /** Estimated (from printer telemetry or a job estimate) until the next weigh-in. */
  estimated: z.boolean(),
  workOrderId: ref,
  operationId: ref,
  printerId: ref,
  slot: z.string().max(20),
  note: longText,
});
export type SpoolMovement = z.infer<typeof spoolMovementSchema>;
