import { Hono } from 'hono';
import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { requireRole } from '../accounts/session.middleware.ts';
import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import type { AppEnv } from '../http/app-env.ts';
import { AppError, fromZod, invalid, notFound } from '../http/errors.ts';
import { findPrinter, queryPrinterEvents } from './printer-events.repo.ts';
import type { PrinterEventCursor } from './printer-events.repo.ts';

export const PRINTER_EVENTS_PAGE_MAX = 200;
const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

const cursorSchema = z.object({ at: z.iso.datetime({ offset: true }), id: z.int().min(0) });

/** The opaque `cursor` of the next page: base64url of the last event's `{ at, id }`. */
const encodeCursor = (c: PrinterEventCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(text: string): PrinterEventCursor | undefined {
  try {
    const r = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

const blank = (v: unknown) => (v === '' ? undefined : v);
const querySchema = z.object({
  from: z.preprocess(blank, z.coerce.date().optional()),
  to: z.preprocess(blank, z.coerce.date().optional()),
  cursor: z.preprocess(blank, z.string().max(400).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(PRINTER_EVENTS_PAGE_MAX).default(50)),
});

/**
 * `GET /api/manage/printers/:id/events?from&to&limit&cursor` (lead or higher): the state changes
 * the relay recorded for printer `id` (printers.id) — newest first, `from` inclusive and `to`
 * exclusive (ISO; default the 30 days up to now, at most 366 days), `limit` per page, `cursor` from
 * the previous page's `nextCursor`. Runs under the tenant's row-level security as well as its own
 * tenant filter, so another shop's printer is a 404 and its events are never read.
 */
export function printerEventsRoutes(deps: { db: Executor; accounts: AccountsService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/events', requireRole(deps.accounts, 'lead'), async (c) => {
    const q = querySchema.safeParse(c.req.query());
    if (!q.success) throw fromZod(q.error, 'invalid printer events query');
    const { cursor: rawCursor, limit } = q.data;
    const to = q.data.to ?? new Date();
    const from = q.data.from ?? new Date(to.getTime() - 30 * DAY_MS);
    if (!(from < to)) throw new AppError(422, 'validation_failed', '"from" must be before "to"');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new AppError(422, 'validation_failed', `a range covers at most ${MAX_RANGE_DAYS} days`);
    }
    const cursor = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
    if (rawCursor !== undefined && !cursor) {
      throw invalid('invalid printer events query', {
        issues: [{ path: 'cursor', message: 'not a cursor this server issued' }],
        total: 1,
      });
    }
    const tenantId = c.get('user').tenantId;
    const id = c.req.param('id');
    const page = await withTenant(deps.db, tenantId, async (tx) => {
      const printer = await findPrinter(tx, tenantId, id);
      if (!printer) return undefined;
      return { printer, ...(await queryPrinterEvents(tx, tenantId, printer, { from, to }, limit, cursor)) };
    });
    if (!page) throw notFound('unknown_printer', 'no such printer');
    return c.json({
      printer: page.printer,
      from: from.toISOString(),
      to: to.toISOString(),
      events: page.events,
      nextCursor: page.next ? encodeCursor(page.next) : null,
    });
  });
  return app;
}
