import { sql } from 'drizzle-orm';
import type { Executor } from './executor.ts';

/** The role tenant-scoped transactions run as: no BYPASSRLS, owns nothing (drizzle/0004_tenant_rls.sql). */
export const TENANT_ROLE = 'printfloor_app';

/**
 * Makes the rest of transaction `tx` see and write only `tenantId`'s rows, whatever its queries say:
 * row-level security (the second wall behind each query's own tenant filter). Both settings are
 * transaction-local (`true`), so a pooled connection goes back clean at commit or rollback.
 */
export async function scopeToTenant(tx: Executor, tenantId: string): Promise<void> {
  await tx.execute(
    sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${TENANT_ROLE}, true)`,
  );
}

/** `fn` in a transaction scoped to `tenantId` (see scopeToTenant). */
export function withTenant<T>(db: Executor, tenantId: string, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await scopeToTenant(tx, tenantId);
    return fn(tx);
  });
}
