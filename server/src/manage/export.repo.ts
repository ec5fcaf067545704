import { and, asc, eq, gt } from 'drizzle-orm';
import type { CollectionName } from '@printfloor/shared';
import type { Executor } from '../db/executor.ts';
import { wireOf } from '../sync/wire.ts';

/** Up to `limit` live documents of a collection after `afterSeq`, typed columns in field order. */
export async function exportPage(
  tx: Executor,
  name: CollectionName,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const w = wireOf(name);
  const t = w.table;
  return tx
    .select(w.selection)
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.deleted, false), gt(t.seq, afterSeq)))
    .orderBy(asc(t.seq))
    .limit(limit);
}
