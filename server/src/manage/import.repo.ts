import { and, eq, sql } from 'drizzle-orm';
import type { CollectionName } from '@printfloor/shared';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/executor.ts';
import { lockCounter, setCounter, writeRows } from '../sync/sync.repo.ts';
import type { AnyWireDoc } from '../sync/push-decision.ts';
import { toRow, wireOf } from '../sync/wire.ts';

/** The typed column of a field (the replicated tables' columns are derived at load time, untyped). */
function col(name: CollectionName, field: string): PgColumn {
  const c = wireOf(name).selection[field];
  if (!c) throw new Error(`${name} has no field ${field}`);
  return c;
}

/** Live documents of `name` whose `field` is one of `values`: value → id. */
async function idsBy(
  tx: Executor,
  name: CollectionName,
  field: string,
  tenantId: string,
  values: string[],
): Promise<Map<string, string>> {
  if (values.length === 0) return new Map();
  const t = wireOf(name).table;
  const key = col(name, field);
  const rows = await tx
    .select({ id: t.id, key: sql<string>`${key}` })
    .from(t)
    .where(
      and(eq(t.tenantId, tenantId), eq(t.deleted, false), sql`${key} = any(${sql.param(values)}::text[])`),
    );
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Live documents of `name` whose `code` is one of `codes`: code → id. */
export function idsByCode(
  tx: Executor,
  name: 'spools' | 'parts' | 'work_orders',
  tenantId: string,
  codes: string[],
): Promise<Map<string, string>> {
  return idsBy(tx, name, 'code', tenantId, codes);
}

/** Live spools of the tenant carrying one of these Spoolman ids: spoolmanId → spool id. */
export function spoolsBySpoolmanId(
  tx: Executor,
  tenantId: string,
  spoolmanIds: string[],
): Promise<Map<string, string>> {
  return idsBy(tx, 'spools', 'spoolmanId', tenantId, spoolmanIds);
}

/** Rows per INSERT: keeps the bind parameters (≈ 25 columns a row) under Postgres' 65,535. */
const CHUNK = 1_000;

export type NewDocs = Partial<Record<CollectionName, AnyWireDoc[]>>;

/**
 * Writes new documents exactly as an accepted sync push does (server/src/sync): inside the caller's
 * transaction, which holds the tenant's counter lock (`lockCounter`), each row gets the next `_seq`,
 * its typed columns and its stored wire form (`toRow`), all in plain multi-row INSERTs (the ids are
 * new, so a clash fails the whole transaction instead of overwriting), then the counter advances.
 * Returns the last seq written per collection, for the change bus.
 */
export async function writeNewDocs(
  tx: Executor,
  tenantId: string,
  base: number,
  docs: NewDocs,
  stamp: string,
): Promise<{ seq: number; last: Partial<Record<CollectionName, number>> }> {
  let seq = base;
  const last: Partial<Record<CollectionName, number>> = {};
  for (const [name, list] of Object.entries(docs) as [CollectionName, AnyWireDoc[]][]) {
    if (list.length === 0) continue;
    const wire = wireOf(name);
    for (let i = 0; i < list.length; i += CHUNK) {
      const rows = list.slice(i, i + CHUNK).map((d) => toRow(wire, d, tenantId, ++seq, stamp));
      await writeRows(tx, wire, rows, []);
    }
    last[name] = seq;
  }
  if (seq > base) await setCounter(tx, tenantId, seq);
  return { seq, last };
}

export { lockCounter };
