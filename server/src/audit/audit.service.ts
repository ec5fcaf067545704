import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { lookupOf, nameTokens, namesOf } from './audit-names.ts';
import { findNames } from './audit-names.repo.ts';
import { queryAudit } from './audit.repo.ts';
import type { AuditCursor, AuditFilter, AuditRow } from './audit.repo.ts';

export interface AuditPage {
  entries: AuditRow[];
  next: AuditCursor | undefined;
  /** What the page's tokens are called (users' emails, devices' names, records' codes): see audit-names.ts. */
  names: Record<string, string>;
}

/**
 * One page of a tenant's audit log and the names of whom and what it mentions, read in one
 * transaction under the tenant's row-level security (so no other tenant's name can be found).
 */
export function auditPage(
  db: Executor,
  tenantId: string,
  filter: AuditFilter,
  limit: number,
  cursor?: AuditCursor,
): Promise<AuditPage> {
  return withTenant(db, tenantId, async (tx) => {
    const page = await queryAudit(tx, tenantId, filter, limit, cursor);
    const tokens = nameTokens(page.entries);
    const names = namesOf(tokens, await findNames(tx, tenantId, lookupOf(tokens)));
    return { ...page, names };
  });
}
