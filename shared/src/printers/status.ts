import { z } from 'zod';
import { PRINTER_PROTOCOLS } from '../domain/assets.ts';

/**
 * The one printer status every source is normalized to (DESIGN.md, "Printer status relay").
 * Live status is not replicated through RxDB: the relay keeps the latest one per printer and
 * streams it to clients over SSE.
 */
export const PRINTER_STATES = [
  'offline',
  'idle',
  'preparing',
  'printing',
  'paused',
  'finished',
  'failed',
  'error',
] as const;
export const printerState = z.enum(PRINTER_STATES);
export type PrinterState = z.infer<typeof printerState>;

/** HMS severities as Bambu numbers them (1 fatal … 4 info); other sources map onto the same words. */
export const ERROR_SEVERITIES = ['fatal', 'serious', 'common', 'info'] as const;
export const errorSeverity = z.enum(ERROR_SEVERITIES);
export type ErrorSeverity = z.infer<typeof errorSeverity>;

export const printerErrorSchema = z.object({
  /** Machine code as the vendor prints it, e.g. `HMS_0C00_0300_0003_0007`, `0300400C`. */
  code: z.string().max(64),
  /** Readable message for the operator. */
  text: z.string().max(500),
  severity: errorSeverity,
});
export type PrinterError = z.infer<typeof printerErrorSchema>;

/** A filament slot: an AMS tray (`AMS1-1` … `AMS4-4`, `HT1`), the external spool (`EXT`) or a tool (`T0`). */
export const filamentTraySchema = z.object({
  slot: z.string().min(1).max(20),
  /** Material as the printer reports it (`PLA`, `PETG`, `PA-CF`); null = empty or unknown. */
  type: z.string().max(50).nullable(),
  colorHex: z
    .string()
    .regex(/^#[0-9A-F]{6}$/)
    .nullable(),
  /** Remaining filament in %, null when the printer cannot tell (no RFID, external spool). */
  remainPercent: z.number().min(0).max(100).nullable(),
  /** The slot currently feeding the nozzle. */
  active: z.boolean(),
});
export type FilamentTray = z.infer<typeof filamentTraySchema>;

const temp = z.number().min(-100).max(1500).nullable();
const count = z.int().min(0).max(10_000_000).nullable();

export const printerStatusSchema = z.object({
  /** Printer code (`printers.code`). */
  code: z.string().min(1).max(50),
  source: z.enum(PRINTER_PROTOCOLS),
  state: printerState,
  /** Extra words about the state (`filament runout`, OctoPrint's state text); null when none. */
  stateDetail: z.string().max(200).nullable(),
  /** 0–100. */
  progress: z.number().min(0).max(100).nullable(),
  remainingMinutes: z.number().min(0).max(1_000_000).nullable(),
  layer: count,
  totalLayers: count,
  nozzleTemp: temp,
  nozzleTarget: temp,
  bedTemp: temp,
  bedTarget: temp,
  chamberTemp: temp,
  jobName: z.string().max(300).nullable(),
  /** Filament used by the current job so far, mm, when the printer reports it (Moonraker). */
  filamentUsedMm: z.number().min(0).max(100_000_000).nullable(),
  errors: z.array(printerErrorSchema).max(64),
  trays: z.array(filamentTraySchema).max(64),
  /** ISO time the relay last heard from the printer; null = never. */
  lastSeen: z.string().max(40).nullable(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;
export type PrinterSource = PrinterStatus['source'];

/** A status with nothing known yet: what a configured printer shows before its first message. */
export function unknownStatus(code: string, source: PrinterSource): PrinterStatus {
  return {
    code,
    source,
    state: 'offline',
    stateDetail: null,
    progress: null,
    remainingMinutes: null,
    layer: null,
    totalLayers: null,
    nozzleTemp: null,
    nozzleTarget: null,
    bedTemp: null,
    bedTarget: null,
    chamberTemp: null,
    jobName: null,
    filamentUsedMm: null,
    errors: [],
    trays: [],
    lastSeen: null,
  };
}

/** Context the caller gives every normalizer call: which printer, and the receive time. */
export interface NormalizeContext {
  code: string;
  /** ISO time the message was received (the relay's clock; printers' clocks are not trusted). */
  now: string;
}

/**
 * What a normalizer returns for one message. Normalizers never throw: a payload they cannot use
 * comes back `rejected` with a reason and the previous state unchanged.
 *
 * - `applied`: the message changed the printer's state; `status` is the new status.
 * - `ignored`: a well-formed message that carries no status (command replies, slicing progress).
 * - `rejected`: malformed (not JSON, wrong envelope, wrong field types, too large).
 */
export type NormalizeOutcome = 'applied' | 'ignored' | 'rejected';

export interface NormalizeResult<S> {
  state: S;
  outcome: NormalizeOutcome;
  /** Status after this message, or null while nothing can be shown (a delta before any snapshot). */
  status: PrinterStatus | null;
  reason?: string;
  /** Bambu: the relay should send `pushall` (a delta arrived before any full report). */
  requestFull?: boolean;
}

/** Two statuses that differ only in `lastSeen` carry no news for a client. */
export function sameStatusContent(a: PrinterStatus, b: PrinterStatus): boolean {
  return JSON.stringify({ ...a, lastSeen: null }) === JSON.stringify({ ...b, lastSeen: null });
}

/**
 * One recorded state change of a printer (server-only `printer_events`, written by the relay), as
 * `GET /api/manage/printers/:id/events` answers it for the manager's printer history page.
 */
export interface PrinterEventRow {
  id: number;
  at: string;
  kind: string;
  from: string;
  to: string;
  jobName: string | null;
  /** The step running on the printer when the relay saw the change (linked by the relay). */
  operationId: string | null;
  stateDetail: string | null;
  progress: number | null;
  errors: PrinterError[];
}
