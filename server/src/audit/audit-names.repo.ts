import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../db/schema/accounts.ts';
import { REPLICATED_TABLES } from '../db/schema/replicated.ts';
import type { ReplicatedTable } from '../db/schema/replicated.ts';
import { devices } from '../db/schema/server.ts';
import type { Executor } from '../db/executor.ts';
import type { FoundName, NameLookup } from './audit-names.ts';

/** A document is named by the first of these fields it has and fills: its human code first. */
const LABEL_FIELDS = ['code', 'displayName', 'name', 'title', 'description'] as const;

/**
 * What a document of `table` is called: its code, else its name (a step without a code is its
 * name); a person is `Ana Kovač (EMP-1001)` when the people document has a badge code. Built from
 * the typed columns (the truth; the `doc` cache may be NULL), tombstones included.
 */
function labelOf(table: ReplicatedTable): SQL<string> {
  const cols = getTableColumns(table) as Record<string, AnyPgColumn | undefined>;
  const present = LABEL_FIELDS.map((f) => cols[f]).filter((c): c is AnyPgColumn => c !== undefined);
  const first = sql`coalesce(${sql.join(
    present.map((c) => sql`nullif(${c}, '')`),
    sql`, `,
  )}, '')`;
  const badge = cols.badgeCode;
  if (!badge) return sql<string>`${first}`;
  return sql<string>`${first} || case when ${badge} <> '' then ' (' || ${badge} || ')' else '' end`;
}

/**
 * The names of `lookup` in `tenantId`: users' emails, devices' names and documents' labels, in ONE
 * statement (a UNION ALL of one primary-key lookup per table asked about). Run it in the tenant's
 * scoped transaction: row-level security hides other tenants' rows as well as the filter here.
 */
export async function findNames(db: Executor, tenantId: string, lookup: NameLookup): Promise<FoundName[]> {
  const kind = (k: FoundName['kind']) => sql<string>`${k}::text`;
  const parts = [];
  if (lookup.users.length > 0) {
    parts.push(
      db
        .select({ kind: kind('user'), id: sql<string>`${users.id}::text`, name: sql<string>`${users.email}` })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, lookup.users))),
    );
  }
  if (lookup.devices.length > 0) {
    parts.push(
      db
        .select({
          kind: kind('device'),
          id: sql<string>`${devices.id}::text`,
          name: sql<string>`${devices.name}`,
        })
        .from(devices)
        .where(and(eq(devices.tenantId, tenantId), inArray(devices.id, lookup.devices))),
    );
  }
  for (const [collection, ids] of lookup.docs) {
    if (ids.length === 0) continue;
    const t: ReplicatedTable = REPLICATED_TABLES[collection];
    parts.push(
      db
        .select({ kind: kind(collection), id: sql<string>`${t.id}`, name: labelOf(t) })
        .from(t)
        .where(and(eq(t.tenantId, tenantId), inArray(t.id, ids))),
    );
  }
  const [a, b, ...rest] = parts;
  if (!a) return [];
  const rows = (b ? await unionAll(a, b, ...rest) : await a) as FoundName[];
  return rows.filter((r) => r.name !== '');
}
