import {
  bigint,
  boolean,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import { COLLECTIONS } from '@printfloor/shared';
import type { CollectionDef, CollectionName } from '@printfloor/shared';
import { fieldColumns } from '../replicated-columns.ts';
import type { FieldColumn } from '../replicated-columns.ts';

/**
 * One table per replicated collection, its columns derived from the collection's zod schema, plus
 * the server's bookkeeping: `tenant_id` (rows are keyed by (tenant_id, id), so the same id in two
 * tenants is two unrelated rows), `seq` (per-tenant, server-assigned: the pull checkpoint, sync
 * rule 1), `deleted` (tombstones, rule 5) and `doc`: a cache of the document as the wire carries
 * it (JSON text, `serverUpdatedAt` and `_deleted` included), written by the sync service in the
 * same statement as the typed columns. A pull then only concatenates stored text — measured faster
 * than a raw SELECT of the typed columns (server/bench). The typed columns are the truth and what
 * queries and reports use: where `doc` is NULL (rows written before it existed, or by anything else
 * than the sync service) reads build the JSON from them. Whatever writes typed columns directly must
 * set `doc` to NULL (and should not: a change without a new seq never reaches tablets).
 * No foreign keys between replicated tables (pushes of
 * different collections arrive in any order) and none to `tenants` either: the hot insert path
 * stays free of per-row RI triggers; tenants are never deleted.
 */
function column(c: FieldColumn): PgColumnBuilderBase {
  if (c.sqlType === 'jsonb') {
    const j = c.jsonDefault === undefined ? jsonb(c.column) : jsonb(c.column).default(c.jsonDefault);
    return c.nullable ? j : j.notNull();
  }
  const b =
    c.sqlType === 'text'
      ? text(c.column)
      : c.sqlType === 'integer'
        ? integer(c.column)
        : c.sqlType === 'bigint'
          ? bigint(c.column, { mode: 'number' })
          : c.sqlType === 'double precision'
            ? doublePrecision(c.column)
            : boolean(c.column);
  return c.nullable ? b : b.notNull();
}

function replicatedTable(def: CollectionDef) {
  const derived: Record<string, PgColumnBuilderBase> = {};
  for (const c of fieldColumns(def)) derived[c.field] = column(c);
  return pgTable(
    def.name,
    {
      ...derived,
      id: text('id').notNull(),
      tenantId: uuid('tenant_id').notNull(),
      seq: bigint('seq', { mode: 'number' }).notNull(),
      deleted: boolean('deleted').notNull().default(false),
      doc: text('doc'),
    },
    (t) => [
      primaryKey({ name: `${def.name}_pkey`, columns: [t.tenantId, t.id] }),
      // Pull = WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3; unique because a seq is
      // handed out once per tenant (a duplicate would be a bug in the counter, caught here).
      uniqueIndex(`${def.name}_tenant_seq_idx`).on(t.tenantId, t.seq),
    ],
  );
}

export type ReplicatedTable = ReturnType<typeof replicatedTable>;

// Named exports: drizzle-kit discovers tables by the module's exports.
export const workOrders = replicatedTable(COLLECTIONS.work_orders);
export const operations = replicatedTable(COLLECTIONS.operations);
export const stepEvents = replicatedTable(COLLECTIONS.step_events);
export const spools = replicatedTable(COLLECTIONS.spools);
export const spoolMovements = replicatedTable(COLLECTIONS.spool_movements);
export const printers = replicatedTable(COLLECTIONS.printers);
export const parts = replicatedTable(COLLECTIONS.parts);
export const scrapReasons = replicatedTable(COLLECTIONS.scrap_reasons);
export const downtimeReasons = replicatedTable(COLLECTIONS.downtime_reasons);
export const workCenters = replicatedTable(COLLECTIONS.work_centers);
export const people = replicatedTable(COLLECTIONS.people);

/** Every replicated table by collection name; `satisfies` makes a new collection without a table a type error. */
export const REPLICATED_TABLES = {
  work_orders: workOrders,
  operations,
  step_events: stepEvents,
  spools,
  spool_movements: spoolMovements,
  printers,
  parts,
  scrap_reasons: scrapReasons,
  downtime_reasons: downtimeReasons,
  work_centers: workCenters,
  people,
} as const satisfies Record<CollectionName, ReplicatedTable>;
