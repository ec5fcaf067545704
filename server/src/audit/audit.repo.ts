import { and, desc, eq, gte, ilike, like, lt, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { auditLog } from '../db/schema/accounts.ts';
import type { Executor } from '../db/executor.ts';
import type { AuditEntry } from '@printfloor/shared';
import type { DocAuditEntry } from './doc-audit.ts';

/**
 * Writes a push's audit entries with ONE statement whatever their number: the entries travel as a
 * single JSON parameter and the database expands them (one parse, one plan, one round trip; no
 * per-row parameters for the driver to encode). Runs inside the push transaction, under its tenant
 * scope: the rows commit or roll back with the documents they describe.
 */
export async function insertDocAudit(
  tx: Executor,
  tenantId: string,
  ip: string | null,
  entries: DocAuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`insert into ${auditLog} (id, tenant_id, actor, action, target, ip, before, after)
    select gen_random_uuid(), ${tenantId}::uuid, e->>'actor', e->>'action', e->>'target', ${ip}::text,
           e->'before', e->'after'
    from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) as e`);
}

export interface AuditFilter {
  /** Substring of the actor (`device:…`, `user:…`, `operator:…`). */
  actor?: string | undefined;
  /** Exact action, or a prefix ending in `.` (`doc.` → every document change). */
  action?: string | undefined;
  /** Prefix of the target (`work_orders/` or `work_orders/<id>`). */
  target?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

/** Where a page ended: the last entry's time (as the database prints it, microseconds kept) and id. */
export interface AuditCursor {
  at: string;
  id: string;
}

/** A row of the audit log as the API sends it (the type lives in shared). */
export type AuditRow = AuditEntry;

/** `%` and `_` of user input matched literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * Target prefix; `<collection>/<id prefix>` also finds the batch entries that created such ids
 * (creations are one entry per batch with `after.ids`, see audit/doc-audit.ts).
 */
function targetCondition(target: string): SQL {
  const prefix = like(auditLog.target, `${escapeLike(target)}%`);
  const slash = target.indexOf('/');
  if (slash < 0) return prefix;
  const collection = target.slice(0, slash);
  const idPrefix = `${escapeLike(target.slice(slash + 1))}%`;
  return or(
    prefix,
    and(
      eq(auditLog.action, 'doc.create'),
      eq(auditLog.target, collection),
      sql`exists (select 1 from jsonb_array_elements_text(${auditLog.after}->'ids') as i(id) where i.id like ${idPrefix})`,
    ),
  )!;
}

function conditions(tenantId: string, f: AuditFilter, cursor: AuditCursor | undefined): SQL[] {
  const where: SQL[] = [eq(auditLog.tenantId, tenantId)];
  if (f.actor) where.push(ilike(auditLog.actor, `%${escapeLike(f.actor)}%`));
  if (f.action) {
    where.push(
      f.action.endsWith('.')
        ? like(auditLog.action, `${escapeLike(f.action)}%`)
        : eq(auditLog.action, f.action),
    );
  }
  if (f.target) where.push(targetCondition(f.target));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  if (cursor) {
    const at = sql`${cursor.at}::timestamptz`;
    where.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, cursor.id)))!);
  }
  return where;
}

/**
 * One page of a tenant's audit log, newest first, and the cursor of the next page (keyset paging on
 * (at, id): stable while new entries arrive, served by audit_log_tenant_at_idx).
 */
export async function queryAudit(
  db: Executor,
  tenantId: string,
  filter: AuditFilter,
  limit: number,
  cursor?: AuditCursor,
): Promise<{ entries: AuditRow[]; next: AuditCursor | undefined }> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actor: auditLog.actor,
      action: auditLog.action,
      target: auditLog.target,
      ip: auditLog.ip,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(...conditions(tenantId, filter, cursor)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > limit && last ? { at: last.at, id: last.id } : undefined };
}
