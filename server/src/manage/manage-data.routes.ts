import { Hono } from 'hono';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { COLLECTION_NAMES, isCollectionName } from '@printfloor/shared';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { requireRole } from '../accounts/session.middleware.ts';
import type { Database } from '../db/database.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { AppError, fromZod, notFound } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import type { Logger } from '../logger.ts';
import { isTimeZone } from './day-buckets.ts';
import { exportCollection, tableCsv } from './export.service.ts';
import { isImportKind } from './import-columns.ts';
import { ImportRejected } from './import-types.ts';
import type { ImportActor, ImportPreview } from './import-types.ts';
import { ImportService } from './import.service.ts';
import { ReportsService } from './reports.service.ts';
import type { ReportWindow } from './reports.service.ts';
import { reportTables } from './report-tables.ts';

/**
 * `/api/manage/reports|export|import` (issue 6): the server side of the manager's reports, CSV
 * export and CSV / Spoolman import. Reads need a lead; imports a manager (role gating of the
 * whole manager view: accounts, issue 7). Thin: parse, authorize, call.
 */

export interface ManageDataDeps {
  db: Database;
  accounts: AccountsService;
  logger: Logger;
}

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

const instant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a date (2026-03-01) or ISO timestamp')
  .transform((s) => new Date(s));

const windowQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  tz: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').default('UTC'),
});

const reorderQuery = z.object({
  leadTimeDays: z.coerce.number().min(0).max(365).default(7),
  safetyDays: z.coerce.number().min(0).max(365).default(3),
  windowDays: z.coerce.number().int().min(1).max(365).default(30),
});

function query<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw fromZod(r.error, 'invalid query');
  return r.data;
}

/** from/to/tz → a window: `to` defaults to now, `from` to 30 days before `to`. */
function reportWindow(c: Context): ReportWindow {
  const q = query(c, windowQuery);
  const now = new Date();
  const to = q.to ?? now;
  const from = q.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (!(from < to)) throw new AppError(422, 'validation_failed', '"from" must be before "to"');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new AppError(422, 'validation_failed', `a report covers at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to, now, tz: q.tz };
}

const csvBody = z.object({
  csv: z.string(),
  mapping: z.record(z.string().max(200), z.string().max(64)).optional(),
});
const spoolmanBody = z.object({
  spools: z.string(),
  filaments: z.string().optional(),
  vendors: z.string().optional(),
});

async function body<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const r = schema.safeParse(await readJson(c));
  if (!r.success) throw fromZod(r.error);
  return r.data;
}

function csvResponse(c: Context, filename: string, csv: string): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(`\uFEFF${csv}`);
}

export function manageDataRoutes(deps: ManageDataDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const reports = new ReportsService(deps.db.orm);
  const imports = new ImportService(deps.db);
  app.use('/reports/*', requireRole(deps.accounts, 'lead'));
  app.use('/export/*', requireRole(deps.accounts, 'lead'));
  app.use('/export', requireRole(deps.accounts, 'lead'));
  app.use('/import/*', requireRole(deps.accounts, 'manager'));

  app.get('/reports/quality', async (c) =>
    c.json(await reports.quality(c.get('user').tenantId, reportWindow(c))),
  );
  app.get('/reports/inventory', async (c) =>
    c.json(await reports.inventory(c.get('user').tenantId, reportWindow(c), query(c, reorderQuery))),
  );
  /** One report table as CSV: /reports/csv/scrap-by-reason?from&to&tz … */
  app.get('/reports/csv/:table', async (c) => {
    const name = c.req.param('table');
    const tables = await reportTables(reports, c.get('user').tenantId, name, reportWindow(c), () =>
      query(c, reorderQuery),
    );
    if (!tables) throw notFound('unknown_report', `no report table "${name}"`);
    return csvResponse(c, `${name}.csv`, tableCsv(tables.header, tables.rows));
  });

  app.get('/export', (c) => c.json({ collections: COLLECTION_NAMES }));
  /** Every live document of one collection as CSV, streamed. */
  app.get('/export/:collection', (c) => {
    const name = c.req.param('collection').replace(/\.csv$/, '');
    if (!isCollectionName(name)) throw notFound('unknown_collection', `no collection "${name}"`);
    const tenantId = c.get('user').tenantId;
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${name}.csv"`);
    return stream(c, async (s) => {
      await s.write('\uFEFF');
      try {
        await exportCollection(deps.db.orm, tenantId, name, (chunk) => s.write(chunk).then(() => undefined));
      } catch (err) {
        // The status is sent already: end the body short (a truncated download) and say why in the log.
        deps.logger.error('export failed', { collection: name, error: (err as Error).message });
      }
    });
  });

  const actorOf = (c: Context<AppEnv>): ImportActor => ({
    tenantId: c.get('user').tenantId,
    by: `import:${c.get('user').userId}`.slice(0, 64),
    deviceId: 'import',
  });
  const audited = async (c: Context<AppEnv>, kind: string, p: ImportPreview) => {
    await deps.accounts.audit({
      tenantId: c.get('user').tenantId,
      actor: `user:${c.get('user').userId}`,
      action: 'import.committed',
      target: kind,
      ip: clientIp(c),
      after: { rows: p.rowCount, writes: p.writes, skipped: p.skipped ?? 0 },
    });
    return c.json(p, 201);
  };
  const rejected = (err: unknown): never => {
    if (err instanceof ImportRejected) {
      throw new AppError(422, 'import_invalid', err.message, err.preview);
    }
    throw err;
  };

  app.post('/import/:kind/preview', async (c) => {
    const kind = c.req.param('kind');
    if (kind === 'spoolman')
      return c.json(await imports.previewSpoolman(await body(c, spoolmanBody), actorOf(c)));
    if (!isImportKind(kind)) throw notFound('unknown_import', `cannot import "${kind}"`);
    return c.json(await imports.preview(kind, await body(c, csvBody), actorOf(c)));
  });

  app.post('/import/:kind/commit', async (c) => {
    const kind = c.req.param('kind');
    if (kind === 'spoolman') {
      const input = await body(c, spoolmanBody);
      return audited(c, kind, await imports.commitSpoolman(input, actorOf(c)).catch(rejected));
    }
    if (!isImportKind(kind)) throw notFound('unknown_import', `cannot import "${kind}"`);
    const input = await body(c, csvBody);
    return audited(c, kind, await imports.commit(kind, input, actorOf(c)).catch(rejected));
  });
  return app;
}
