import { Hono } from 'hono';
import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { requireRole } from '../accounts/session.middleware.ts';
import type { AppEnv } from '../http/app-env.ts';
import { fromZod, invalid } from '../http/errors.ts';
import type { AuditCursor } from './audit.repo.ts';
import { auditPage } from './audit.service.ts';

export const AUDIT_PAGE_MAX = 200;

const cursorSchema = z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() });

/** The opaque `cursor` of the next page: base64url of the last entry's `{ at, id }`. */
export const encodeCursor = (c: AuditCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(text: string): AuditCursor | undefined {
  try {
    const r = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

const blank = (v: unknown) => (v === '' ? undefined : v);
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());
const date = z.preprocess(blank, z.coerce.date().optional());
const querySchema = z.object({
  actor: text(200),
  action: text(100),
  target: text(300),
  from: date,
  to: date,
  cursor: z.preprocess(blank, z.string().max(400).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50)),
});

/**
 * `GET /api/manage/audit` (managers): the tenant's audit log newest first, filtered by actor
 * (substring), action (exact, or a prefix ending in `.`), target (prefix; `<collection>/<id>` also
 * finds the batch that created the document) and time (`from`
 * inclusive, `to` exclusive, ISO), `limit` per page, `cursor` from the previous page's `nextCursor`.
 * `names` maps the page's actor and target tokens (and ids in before/after) to what a person reads:
 * emails, device names, people's names, records' codes (audit-names.ts); unknown ids have none.
 * Runs under the tenant's row-level security as well as its own tenant filter.
 */
export function auditRoutes(deps: { accounts: AccountsService }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', requireRole(deps.accounts, 'manager'), async (c) => {
    const q = querySchema.safeParse(c.req.query());
    if (!q.success) throw fromZod(q.error, 'invalid audit query');
    const { cursor: rawCursor, limit, ...filter } = q.data;
    const cursor = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
    if (rawCursor !== undefined && !cursor) {
      throw invalid('invalid audit query', {
        issues: [{ path: 'cursor', message: 'not a cursor this server issued' }],
        total: 1,
      });
    }
    const tenantId = c.get('user').tenantId;
    const page = await auditPage(deps.accounts.db, tenantId, filter, limit, cursor);
    return c.json({
      entries: page.entries,
      nextCursor: page.next ? encodeCursor(page.next) : null,
      names: page.names,
    });
  });
  return app;
}
