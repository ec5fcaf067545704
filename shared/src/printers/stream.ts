import { z } from 'zod';
import { printerStatusSchema, type PrinterStatus } from './status.ts';

/**
 * The live printer stream (`GET /api/printers/stream`, server-sent events), defined once for the
 * server and the client: first one `snapshot` event (every printer of the caller's tenant, a JSON
 * array of statuses), then one `status` event per change (one status). A reconnect starts over
 * with a new snapshot. Live status is not replicated through RxDB.
 */
export const PRINTER_STREAM_PATH = '/api/printers/stream';
export const PRINTER_STREAM_EVENTS = { snapshot: 'snapshot', status: 'status' } as const;

export const printerSnapshotSchema = z.array(printerStatusSchema);

/**
 * Folds one stream event into the client's map of statuses by printer code: a snapshot replaces
 * everything, a status replaces one printer. Malformed data leaves the map unchanged (returns it).
 */
export function applyPrinterStreamEvent(
  current: ReadonlyMap<string, PrinterStatus>,
  event: string,
  data: string,
): ReadonlyMap<string, PrinterStatus> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return current;
  }
  if (event === PRINTER_STREAM_EVENTS.snapshot) {
    const r = printerSnapshotSchema.safeParse(parsed);
    return r.success ? new Map(r.data.map((s) => [s.code, s])) : current;
  }
  if (event === PRINTER_STREAM_EVENTS.status) {
    const r = printerStatusSchema.safeParse(parsed);
    if (!r.success) return current;
    const next = new Map(current);
    next.set(r.data.code, r.data);
    return next;
  }
  return current;
}
