import { and, desc, eq, getTableColumns, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PrinterError, PrinterEventRow } from '@printfloor/shared';
import { printers } from '../db/schema/replicated.ts';
import type { Executor } from '../db/executor.ts';
import { printerEvents } from '../relay/relay.schema.ts';

/**
 * The relay's recorded state changes of one printer (server-only `printer_events`, written by
 * relay/pg-status-store.ts) for the manager's printer history page (issue 6). Reads only.
 */

/** Where a page ended: the last event's time (microseconds kept, as the database prints it) and id. */
export interface PrinterEventCursor {
  at: string;
  id: number;
}

export interface PrinterRef {
  id: string;
  code: string;
}

const codeColumn = (getTableColumns(printers) as Record<string, AnyPgColumn | undefined>).code;
if (!codeColumn) throw new Error('printers table has no code column');

/** The tenant's printer `id` (tombstones too: a deleted printer keeps its history), or undefined. */
export async function findPrinter(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<PrinterRef | undefined> {
  const rows = await db
    .select({ code: sql<string>`${codeColumn}` })
    .from(printers)
    .where(and(eq(printers.tenantId, tenantId), eq(printers.id, id)))
    .limit(1);
  const r = rows[0];
  return r ? { id, code: r.code } : undefined;
}

/**
 * One page of a printer's events in `[from, to)`, newest first (keyset on (at, id), stable while the
 * relay appends), and the next page's cursor. Events are found by the printer's id (index
 * `printer_events_printer_id_at_idx`), so a renamed printer keeps its history and an event another
 * printer recorded under the same code (the code was given to a new printer) stays out. Events the
 * relay recorded without an id (a printer it knew only by its code) are found by the current code
 * (index `printer_events_printer_at_idx`); such events from before a rename cannot be told apart.
 */
export async function queryPrinterEvents(
  db: Executor,
  tenantId: string,
  printer: PrinterRef,
  range: { from: Date; to: Date },
  limit: number,
  cursor?: PrinterEventCursor,
): Promise<{ events: PrinterEventRow[]; next: PrinterEventCursor | undefined }> {
  const e = printerEvents;
  const where = [
    eq(e.tenantId, tenantId),
    or(eq(e.printerId, printer.id), and(isNull(e.printerId), eq(e.printerCode, printer.code)))!,
    gte(e.at, range.from.toISOString()),
    lt(e.at, range.to.toISOString()),
  ];
  if (cursor) {
    const at = sql`${cursor.at}::timestamptz`;
    where.push(or(lt(e.at, at), and(eq(e.at, at), lt(e.id, cursor.id)))!);
  }
  const rows = await db
    .select({
      id: e.id,
      at: sql<string>`to_char(${e.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      kind: e.kind,
      from: e.fromState,
      to: e.toState,
      jobName: e.jobName,
      operationId: e.operationId,
      stateDetail: sql<string | null>`${e.status}->>'stateDetail'`,
      progress: sql<number | null>`(${e.status}->>'progress')::float8`,
      errors: sql<PrinterError[] | null>`${e.status}->'errors'`,
    })
    .from(e)
    .where(and(...where))
    .orderBy(desc(e.at), desc(e.id))
    .limit(limit + 1);
  const events = rows.slice(0, limit).map((r) => ({
    ...r,
    id: Number(r.id),
    progress: r.progress === null ? null : Number(r.progress),
    errors: Array.isArray(r.errors) ? r.errors : [],
  }));
  const last = events[events.length - 1];
  return { events, next: rows.length > limit && last ? { at: last.at, id: last.id } : undefined };
}
