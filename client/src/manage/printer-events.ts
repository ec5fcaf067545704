/**
 * The relay's recorded state changes of one printer, as `GET /api/manage/printers/:id/events`
 * answers them (server/src/manage/printer-events.routes.ts): newest first, paged by an opaque cursor.
 * Not replicated: the page asks the server (a lead's session) for them.
 */
import type { PrinterEventRow } from '@printfloor/shared';

export type { PrinterEventRow };

export interface PrinterEventsPage {
  printer: { id: string; code: string };
  events: PrinterEventRow[];
  nextCursor: string | null;
}

/** Range choices of the section, in hours back from now. */
export const EVENT_RANGES = [
  { hours: 24, label: 'Last 24 hours' },
  { hours: 24 * 7, label: 'Last 7 days' },
  { hours: 24 * 30, label: 'Last 30 days' },
  { hours: 24 * 90, label: 'Last 90 days' },
] as const;

export const EVENTS_PAGE = 50;

/** The request path of one page: `hours` back from `now`, after `cursor` when given. */
export function printerEventsPath(
  printerId: string,
  hours: number,
  now: number,
  cursor: string | null,
): string {
  const q = new URLSearchParams({
    from: new Date(now - hours * 3_600_000).toISOString(),
    to: new Date(now).toISOString(),
    limit: String(EVENTS_PAGE),
  });
  if (cursor) q.set('cursor', cursor);
  return `/api/manage/printers/${encodeURIComponent(printerId)}/events?${q.toString()}`;
}

/** Badge tone of an event kind: failures and errors stand out, finished prints read as good. */
export function eventTone(kind: string): 'b-bad' | 'b-warn' | 'b-ok' | 'b-info' | 'b-mute' {
  switch (kind) {
    case 'failed':
    case 'error':
      return 'b-bad';
    case 'paused':
    case 'offline':
      return 'b-warn';
    case 'finished':
      return 'b-ok';
    case 'started':
    case 'resumed':
    case 'preparing':
      return 'b-info';
    default:
      return 'b-mute';
  }
}

/** What went wrong, in words: the printer's error texts, else its state detail on a failure; '' when none. */
export function eventProblem(e: PrinterEventRow): string {
  if (e.errors.length > 0) return e.errors.map((x) => (x.code ? `${x.text} (${x.code})` : x.text)).join('; ');
  if ((e.kind === 'failed' || e.kind === 'error' || e.kind === 'paused') && e.stateDetail)
    return e.stateDetail;
  return '';
}

/** Counts of the print outcomes among `events` (started, finished, failed incl. errors). */
export function eventCounts(events: readonly PrinterEventRow[]): {
  started: number;
  finished: number;
  failed: number;
} {
  let started = 0;
  let finished = 0;
  let failed = 0;
  for (const e of events) {
    if (e.kind === 'started') started++;
    else if (e.kind === 'finished') finished++;
    else if (e.kind === 'failed' || e.kind === 'error') failed++;
  }
  return { started, finished, failed };
}

/** The newest event linked to each step (events come newest first), for the jobs table. */
export function latestEventByOperation(events: readonly PrinterEventRow[]): Map<string, PrinterEventRow> {
  const out = new Map<string, PrinterEventRow>();
  for (const e of events) {
    if (e.operationId && !out.has(e.operationId)) out.set(e.operationId, e);
  }
  return out;
}

/** Appends a later page, dropping any event already shown (a retried page must not double rows). */
export function appendPage(
  shown: readonly PrinterEventRow[],
  page: readonly PrinterEventRow[],
): PrinterEventRow[] {
  const ids = new Set(shown.map((e) => e.id));
  return [...shown, ...page.filter((e) => !ids.has(e.id))];
}
