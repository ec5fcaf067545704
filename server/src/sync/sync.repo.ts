import { and, eq, sql } from 'drizzle-orm';
import type { Column, SQL } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';
import { syncCounters } from '../db/schema/server.ts';
import type { AnyWireDoc } from './push-decision.ts';
import type { CollectionWire } from './wire.ts';

/**
 * The SQL of sync: every statement is scoped by tenant_id and served by (tenant_id, id) or
 * (tenant_id, seq). Fixed-shape statements are `.prepare(name)`d: drizzle then lets postgres-js keep
 * a server-side prepared statement per connection instead of parsing and planning on every call.
 */

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
    .for('update')
    .prepare('sync_lock_counter')
    .execute();
  const row = rows[0];
  if (!row) throw new Error(`tenant ${tenantId} has no sync counter`);
  return row.seq;
}

export async function setCounter(tx: Executor, tenantId: string, seq: number): Promise<void> {
  await tx
    .update(syncCounters)
    .set({ seq })
    .where(eq(syncCounters.tenantId, tenantId))
    .prepare('sync_set_counter')
    .execute();
}

/** Current master states of `ids` (those that exist), keyed by id: their stored wire form. */
export async function findMasters(
  tx: Executor,
  wire: CollectionWire,
  tenantId: string,
  ids: string[],
): Promise<Map<string, AnyWireDoc>> {
  const t = wire.table;
  const rows = await tx
    .select({ doc: wire.docSql })
    .from(t)
    // `= any($2)` with the actual array: one statement text whatever the batch size. Not prepared
    // on purpose: a cached generic plan cannot see the array's size and was measured to fall back to
    // scanning the tenant's rows; planned per call it is a primary-key lookup.
    .where(and(eq(t.tenantId, tenantId), sql`${t.id} = any(${sql.param(ids)}::text[])`))
    .for('update');
  const out = new Map<string, AnyWireDoc>();
  for (const r of rows) {
    const doc = JSON.parse(r.doc) as AnyWireDoc;
    out.set(doc.id, doc);
  }
  return out;
}

/** Inserts the rows whose id is not taken yet (skipping the others) and returns the ids it inserted. */
export async function insertNew(
  tx: Executor,
  wire: CollectionWire,
  rows: Record<string, unknown>[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const t = wire.table;
  const inserted = await tx
    .insert(t)
    .values(rows as (typeof t.$inferInsert)[])
    .onConflictDoNothing({ target: [t.tenantId, t.id] })
    .returning({ id: t.id });
  return new Set(inserted.map((r) => r.id));
}

/**
 * Writes the accepted rows of a push: documents new to the tenant in one plain multi-row INSERT,
 * replaced ones in one INSERT … ON CONFLICT (tenant_id, id) DO UPDATE. The split is safe because
 * `fresh` was decided under the counter lock, which every writer takes: no one can have created
 * those ids since (and if someone did, the unique key fails the whole transaction rather than
 * overwriting). It keeps the common case — new step events and spool movements — as cheap as a
 * bare bulk insert.
 */
export async function writeRows(
  tx: Executor,
  wire: CollectionWire,
  fresh: Record<string, unknown>[],
  replaced: Record<string, unknown>[],
): Promise<void> {
  const t = wire.table;
  if (fresh.length > 0) await tx.insert(t).values(fresh as (typeof t.$inferInsert)[]);
  if (replaced.length > 0) {
    await tx
      .insert(t)
      .values(replaced as (typeof t.$inferInsert)[])
      .onConflictDoUpdate({ target: [t.tenantId, t.id], set: wire.upsertSet });
  }
}

/**
 * Up to `limit` documents with seq > `afterSeq` (sync rule 6), in seq order: their stored wire forms
 * joined into one JSON array text by the database, and the page's last seq. No per-row decoding in
 * the driver and no JSON.stringify in Node: the server passes the text through. A page holding rows
 * without a stored `doc` (rare: see the schema) is read again with the JSON built from the typed
 * columns; keeping that expression out of the common query keeps the common query cheap (measured).
 */
export async function pullJson(
  db: Executor,
  wire: CollectionWire,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<{ json: string; lastSeq: number | undefined }> {
  const fast = await pullPage(db, wire, wire.table.doc, tenantId, afterSeq, limit);
  const page = fast.missing > 0 ? await pullPage(db, wire, wire.docSql, tenantId, afterSeq, limit) : fast;
  return { json: page.json, lastSeq: page.last_seq === null ? undefined : Number(page.last_seq) };
}

async function pullPage(
  db: Executor,
  wire: CollectionWire,
  doc: SQL | Column,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<{ json: string; last_seq: string | null; missing: number }> {
  const t = wire.table;
  const q = sql`with page as (
      select ${doc} as doc, ${t.seq} as seq from ${t}
      where ${t.tenantId} = ${tenantId} and ${t.seq} > ${afterSeq} order by ${t.seq} limit ${limit})
    select '[' || coalesce((select string_agg(doc, ',' order by seq) from page), '') || ']' as json,
           (select max(seq)::text from page) as last_seq,
           (select count(*)::int from page where doc is null) as missing`;
  return firstRow(await db.execute(q));
}

/** Live (not deleted) documents of one collection of a tenant: what a new tablet will pull. */
export async function countLive(db: Executor, wire: CollectionWire, tenantId: string): Promise<number> {
  const t = wire.table;
  const row = firstRow<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from ${t} where ${t.tenantId} = ${tenantId} and ${t.deleted} = false`,
    ),
  );
  return Number(row.n);
}

/** `execute()` answers `{ rows }` on PGlite and an array on postgres-js; this is the one place that knows. */
function firstRow<R>(result: unknown): R {
  const rows = Array.isArray(result) ? (result as R[]) : (result as { rows: R[] }).rows;
  const row = rows[0];
  if (!row) throw new Error('query returned no row');
  return row;
}
