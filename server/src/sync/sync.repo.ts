import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';
import { syncCounters } from '../db/schema/server.ts';
import type { AnyWireDoc } from './push-decision.ts';
import { fromRow } from './wire.ts';
import type { CollectionWire } from './wire.ts';

/** The SQL of sync: every statement is scoped by tenant_id and served by (tenant_id, id) or (tenant_id, seq). */

/**
 * Locks the tenant's counter row for the rest of the transaction and returns its value. Every writer
 * of the tenant takes this lock first, so they run one after another: seqs are handed out in commit
 * order (sync rule 2) and the masters read next include everything committed before us.
 * It must be its own statement: under READ COMMITTED a statement's snapshot is taken when it starts,
 * so a read combined with the lock wait could miss the commit it waited for.
 */
export async function lockCounter(tx: Executor, tenantId: string): Promise<number> {
  const rows = await tx
    .select({ seq: syncCounters.seq })
    .from(syncCounters)
    .where(eq(syncCounters.tenantId, tenantId))
    .for('update');
  const row = rows[0];
  if (!row) throw new Error(`tenant ${tenantId} has no sync counter`);
  return row.seq;
}

export async function setCounter(tx: Executor, tenantId: string, seq: number): Promise<void> {
  await tx.update(syncCounters).set({ seq }).where(eq(syncCounters.tenantId, tenantId));
}

/** Current master states of `ids` (those that exist), keyed by id. */
export async function findMasters(
  tx: Executor,
  wire: CollectionWire,
  tenantId: string,
  ids: string[],
): Promise<Map<string, AnyWireDoc>> {
  const t = wire.table;
  const rows = await tx
    .select(wire.selection)
    .from(t)
    .where(and(eq(t.tenantId, tenantId), inArray(t.id, ids)))
    .for('update');
  const out = new Map<string, AnyWireDoc>();
  for (const r of rows) {
    const { doc } = fromRow(r);
    out.set(doc.id, doc);
  }
  return out;
}

/** One multi-row INSERT … ON CONFLICT (tenant_id, id) DO UPDATE for every accepted row of a push. */
export async function upsertRows(tx: Executor, wire: CollectionWire, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const t = wire.table;
  await tx
    .insert(t)
    .values(rows as (typeof t.$inferInsert)[])
    .onConflictDoUpdate({ target: [t.tenantId, t.id], set: wire.upsertSet });
}

/** Up to `limit` documents with seq > `afterSeq`, in seq order (sync rule 6). */
export async function pullRows(
  db: Executor,
  wire: CollectionWire,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<{ docs: AnyWireDoc[]; lastSeq: number | undefined }> {
  const t = wire.table;
  const rows = await db
    .select(wire.selection)
    .from(t)
    .where(and(eq(t.tenantId, tenantId), gt(t.seq, afterSeq)))
    .orderBy(asc(t.seq))
    .limit(limit);
  const docs: AnyWireDoc[] = new Array<AnyWireDoc>(rows.length);
  let lastSeq: number | undefined;
  rows.forEach((r, i) => {
    const { doc, seq } = fromRow(r);
    docs[i] = doc;
    lastSeq = seq;
  });
  return { docs, lastSeq };
}
