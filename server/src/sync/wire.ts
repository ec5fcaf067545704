import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { COLLECTIONS } from '@printfloor/shared';
import type { CollectionName } from '@printfloor/shared';
import { REPLICATED_TABLES } from '../db/schema/replicated.ts';
import type { ReplicatedTable } from '../db/schema/replicated.ts';
import { fieldColumns } from '../db/replicated-columns.ts';
import type { AnyWireDoc } from './push-decision.ts';

/**
 * Row ↔ wire document, for every collection alike, derived from COLLECTIONS: a document is the
 * collection's zod fields plus `_deleted`; `tenant_id` and `seq` never leave the server.
 */
export interface CollectionWire {
  name: CollectionName;
  table: ReplicatedTable;
  /** zod field names, in schema order. */
  fields: string[];
  /**
   * The typed columns selected as a wire document (plus `seq`): for queries that want the typed
   * form (and the test that keeps `doc` honest); the sync path itself reads `doc`.
   */
  selection: Record<string, PgColumn>;
  /** `SET col = excluded.col` for every column an accepted write replaces. */
  upsertSet: Record<string, SQL>;
  /** The stored wire form, or — where `doc` is NULL — the same JSON built from the typed columns. */
  docSql: SQL<string>;
}

function buildWire(name: CollectionName): CollectionWire {
  const table = REPLICATED_TABLES[name];
  const cols = table as unknown as Record<string, PgColumn>;
  const fields = fieldColumns(COLLECTIONS[name]).map((c) => c.field);
  const selection: Record<string, PgColumn> = {};
  for (const f of fields) selection[f] = column(cols, f);
  selection._deleted = table.deleted;
  selection.seq = table.seq;
  const upsertSet: Record<string, SQL> = {};
  for (const [key, col] of Object.entries(cols)) {
    if (key === 'tenantId' || key === 'id' || !isColumn(col)) continue;
    upsertSet[key] = sql`excluded.${sql.identifier(col.name)}`;
  }
  // `"updated_at" as "updatedAt", …, "deleted" as "_deleted"`: a row in wire shape for row_to_json.
  const aliased = sql.join(
    [...fields.map((f) => [f, column(cols, f)] as const), ['_deleted', table.deleted] as const].map(
      ([key, col]) => sql`${col} as ${sql.identifier(key)}`,
    ),
    sql`, `,
  );
  const docSql = sql<string>`coalesce(${table.doc}, (select row_to_json(w)::text from (select ${aliased}) w))`;
  return { name, table, fields, selection, upsertSet, docSql };
}

function isColumn(v: unknown): v is PgColumn {
  return typeof v === 'object' && v !== null && 'columnType' in v && 'name' in v;
}

function column(cols: Record<string, PgColumn>, key: string): PgColumn {
  const c = cols[key];
  if (!c) throw new Error(`no column for field ${key}`);
  return c;
}

const WIRES = new Map<CollectionName, CollectionWire>();

export function wireOf(name: CollectionName): CollectionWire {
  let w = WIRES.get(name);
  if (!w) {
    w = buildWire(name);
    WIRES.set(name, w);
  }
  return w;
}

/** The row to insert or replace for an accepted document. */
export function toRow(
  wire: CollectionWire,
  doc: AnyWireDoc,
  tenantId: string,
  seq: number,
  serverUpdatedAt: string,
): Record<string, unknown> {
  // The stored wire form: schema field order, the server's stamp, then _deleted.
  const stored: Record<string, unknown> = {};
  for (const f of wire.fields) stored[f] = doc[f];
  stored.serverUpdatedAt = serverUpdatedAt;
  stored._deleted = doc._deleted;
  const row: Record<string, unknown> = {
    ...stored,
    tenantId,
    seq,
    deleted: doc._deleted,
    doc: JSON.stringify(stored),
  };
  delete row._deleted;
  return row;
}
