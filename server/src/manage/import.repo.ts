import { and, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { CollectionName } from '@printfloor/shared';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/executor.ts';
import { syncCounters } from '../db/schema/server.ts';
import { lockCounter, setCounter } from '../sync/sync.repo.ts';
import type { AnyWireDoc } from '../sync/push-decision.ts';
import { toRow, wireOf } from '../sync/wire.ts';

/** The typed column of a field (the replicated tables' columns are derived at load time, untyped). */
function col(name: CollectionName, field: string): PgColumn {
  const c = wireOf(name).selection[field];
  if (!c) throw new Error(`${name} has no field ${field}`);
  return c;
}

/** One question a validation asked the database, and its answer (see `recordLookups`). */
export interface Lookup {
  name: CollectionName;
  field: string;
  values: string[];
  found: Map<string, string>;
}

const LOGS = new WeakMap<Executor, Lookup[]>();

/**
 * From now on, every lookup made through `tx` (idsByCode, spoolsBySpoolmanId: the only reads a
 * validation makes) is appended to `log`, so the commit can ask under the counter lock whether each
 * would still get the same answer (`lookupsUnchanged`) instead of validating the file again there.
 */
export function recordLookups(tx: Executor, log: Lookup[]): void {
  LOGS.set(tx, log);
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
  const found = new Map(rows.map((r) => [r.key, r.id]));
  LOGS.get(tx)?.push({ name, field, values, found });
  return found;
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

/** The tenant's sync counter as last committed, without locking it. */
export async function readCounter(tx: Executor, tenantId: string): Promise<number> {
  const rows = await tx
    .select({ seq: syncCounters.seq })
    .from(syncCounters)
    .where(eq(syncCounters.tenantId, tenantId));
  const row = rows[0];
  if (!row) throw new Error(`tenant ${tenantId} has no sync counter`);
  return row.seq;
}

/**
 * Whether every lookup in `lookups` would get the same answer now. Call it holding the counter lock
 * and with `since` = the counter as read (readCounter) BEFORE the lookups ran. Every writer takes
 * that lock and gives every row it writes (new or replaced, tombstones included) a seq above the
 * counter it found, and commits before the next writer gets a seq (sync rule 2); so every row
 * changed after `since` was read has seq > `since`. A lookup whose keys and answers match no such
 * row reads exactly what it read before (one index range scan on (tenant_id, seq), usually empty);
 * one that does is asked again and its answers compared.
 */
export async function lookupsUnchanged(
  tx: Executor,
  tenantId: string,
  since: number,
  lookups: readonly Lookup[],
): Promise<boolean> {
  for (const l of lookups) {
    const t = wireOf(l.name).table;
    const key = col(l.name, l.field);
    const touched = await tx
      .select({ id: t.id })
      .from(t)
      .where(
        and(
          eq(t.tenantId, tenantId),
          gt(t.seq, since),
          sql`(${key} = any(${sql.param(l.values)}::text[]) or ${t.id} = any(${sql.param([...l.found.values()])}::text[]))`,
        ),
      )
      .limit(1);
    if (touched.length === 0) continue;
    const now = await idsBy(tx, l.name, l.field, tenantId, l.values);
    if (now.size !== l.found.size || [...now].some(([k, id]) => l.found.get(k) !== id)) return false;
  }
  return true;
}

export type NewDocs = Partial<Record<CollectionName, AnyWireDoc[]>>;

/**
 * Rows per INSERT. Column-wise (one array parameter per column, `unnest`), a statement has ~25
 * parameters whatever its row count, far below Postgres' 65,535; the chunk only bounds one message.
 */
const CHUNK = 2_000;

/** A chunk of new rows as one Postgres array literal per column (every column but `seq`). */
interface ColumnChunk {
  rows: number;
  literals: string[];
}

/** Documents of one collection, made into rows (typed columns + stored wire form) ahead of the write. */
export interface PreparedRows {
  name: CollectionName;
  count: number;
  chunks: ColumnChunk[];
}

/** The columns written, in a fixed order: every column of the table except `seq` (given at write time). */
function columnsOf(name: CollectionName): [string, PgColumn][] {
  return Object.entries(getTableColumns(wireOf(name).table)).filter(([key]) => key !== 'seq');
}

/** One cell in array-literal syntax: NULL, or double-quoted with `"` and `\` escaped. */
function element(v: unknown, jsonb: boolean): string {
  if (v === null || v === undefined) return 'NULL';
  // Numbers in JSON form: the shortest text that reads back as the same double (and int8, int4).
  const s =
    typeof v === 'string' && !jsonb
      ? v
      : typeof v === 'boolean' && !jsonb
        ? v
          ? 't'
          : 'f'
        : JSON.stringify(v);
  return s.includes('"') || s.includes('\\') ? `"${s.replace(/[\\"]/g, '\\$&')}"` : `"${s}"`;
}

/**
 * Everything about writing `docs` that does not need the counter lock: each document's row exactly
 * as an accepted sync push writes it (`toRow`: typed columns, `serverUpdatedAt` = `stamp`, the
 * stored wire form `doc`), serialized column by column. Only the seqs are left for `insertPrepared`.
 * (An array literal is built here once, in Node, rather than by the driver under the lock.)
 */
export async function prepareRows(
  name: CollectionName,
  docs: AnyWireDoc[],
  tenantId: string,
  stamp: string,
  /** Awaited once per row (the caller lets other requests run in between: this is CPU work). */
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<PreparedRows> {
  const wire = wireOf(name);
  const cols = columnsOf(name).map(([key, c]) => ({ key, jsonb: c.getSQLType() === 'jsonb' }));
  const chunks: ColumnChunk[] = [];
  for (let i = 0; i < docs.length; i += CHUNK) {
    const cells: string[][] = cols.map(() => []);
    const end = Math.min(docs.length, i + CHUNK);
    for (let d = i; d < end; d++) {
      await pause();
      const row = toRow(wire, docs[d]!, tenantId, 0, stamp);
      cols.forEach((c, k) => cells[k]!.push(element(row[c.key], c.jsonb)));
    }
    chunks.push({ rows: end - i, literals: cells.map((xs) => `{${xs.join(',')}}`) });
  }
  return { name, count: docs.length, chunks };
}

/**
 * Inserts prepared rows with seqs `firstSeq`, `firstSeq + 1`, … in document order: one
 * `INSERT … SELECT … FROM unnest(<one array per column>) WITH ORDINALITY` per chunk. Plain inserts:
 * the ids are new, so a clash fails the whole transaction instead of overwriting anything.
 */
export async function insertPrepared(tx: Executor, rows: PreparedRows, firstSeq: number): Promise<void> {
  const t = wireOf(rows.name).table;
  const cols = columnsOf(rows.name);
  const names = sql.join(
    cols.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const aliases = cols.map((_, i) => `c${i}`);
  const picked = sql.raw(aliases.map((a) => `u.${a}`).join(', '));
  const as = sql.raw(`u(${[...aliases, 'n'].join(', ')})`);
  let seq = firstSeq;
  for (const chunk of rows.chunks) {
    const arrays = sql.join(
      cols.map(([, c], i) => sql`${sql.param(chunk.literals[i])}::${sql.raw(c.getSQLType())}[]`),
      sql`, `,
    );
    await tx.execute(
      sql`insert into ${t} (${names}, ${sql.identifier(t.seq.name)})
          select ${picked}, ${seq}::bigint + u.n - 1 from unnest(${arrays}) with ordinality as ${as}`,
    );
    seq += chunk.rows;
  }
}

/**
 * Prepared rows copied into a temporary table of the session (`table`: columns c0…, and `i`, the
 * row's place in document order), so that under the lock the database only copies them over
 * (`insertStaged`): reading the arrays, the bulk of a set-based insert's work, is done before.
 * `create` makes the table (`ON COMMIT DROP` when `dropOnCommit`); chunks may then be added in
 * separate transactions (PGlite: one session, so other requests run in between).
 */
export async function createStage(
  tx: Executor,
  rows: PreparedRows,
  table: string,
  dropOnCommit: boolean,
): Promise<void> {
  const defs = columnsOf(rows.name).map(([, c], i) => `c${i} ${c.getSQLType()}`);
  await tx.execute(
    sql.raw(
      `create temporary table ${table} (${[...defs, 'i bigint'].join(', ')})${dropOnCommit ? ' on commit drop' : ''}`,
    ),
  );
}

/** Drops staging tables (PGlite's outlive the transaction that made them). */
export async function dropStage(tx: Executor, tables: readonly string[]): Promise<void> {
  if (tables.length > 0) await tx.execute(sql.raw(`drop table if exists ${tables.join(', ')}`));
}

export async function stageChunk(tx: Executor, rows: PreparedRows, table: string, k: number): Promise<void> {
  const cols = columnsOf(rows.name);
  const chunk = rows.chunks[k];
  if (!chunk) return;
  const offset = rows.chunks.slice(0, k).reduce((n, c) => n + c.rows, 0);
  const arrays = sql.join(
    cols.map(([, c], i) => sql`${sql.param(chunk.literals[i])}::${sql.raw(c.getSQLType())}[]`),
    sql`, `,
  );
  const picked = sql.raw(cols.map((_, i) => `u.c${i}`).join(', '));
  const as = sql.raw(`u(${[...cols.map((_, i) => `c${i}`), 'n'].join(', ')})`);
  await tx.execute(
    sql`insert into ${sql.raw(table)} select ${picked}, ${offset}::bigint + u.n from unnest(${arrays}) with ordinality as ${as}`,
  );
}

/** Copies staged rows into their table with seqs `firstSeq`, `firstSeq + 1`, … in document order. */
export async function insertStaged(
  tx: Executor,
  rows: PreparedRows,
  table: string,
  firstSeq: number,
): Promise<void> {
  const t = wireOf(rows.name).table;
  const cols = columnsOf(rows.name);
  const names = sql.join(
    cols.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const picked = sql.raw(cols.map((_, i) => `c${i}`).join(', '));
  await tx.execute(
    sql`insert into ${t} (${names}, ${sql.identifier(t.seq.name)})
        select ${picked}, ${firstSeq - 1}::bigint + i from ${sql.raw(table)}`,
  );
}

/**
 * Writes prepared rows inside the caller's transaction, which holds the tenant's counter lock
 * (`lockCounter`, which returned `base`): seqs base + 1, base + 2, … in order, then the counter
 * advances. `staged[k]` names the temporary table holding `prepared[k]` (`stageChunk`), if any.
 * Returns the last seq written per collection, for the change bus.
 */
export async function writePrepared(
  tx: Executor,
  tenantId: string,
  base: number,
  prepared: readonly PreparedRows[],
  staged: readonly (string | undefined)[] = [],
): Promise<{ seq: number; last: Partial<Record<CollectionName, number>> }> {
  let seq = base;
  const last: Partial<Record<CollectionName, number>> = {};
  for (const [k, rows] of prepared.entries()) {
    if (rows.count === 0) continue;
    const table = staged[k];
    if (table) await insertStaged(tx, rows, table, seq + 1);
    else await insertPrepared(tx, rows, seq + 1);
    seq += rows.count;
    last[rows.name] = seq;
  }
  if (seq > base) await setCounter(tx, tenantId, seq);
  return { seq, last };
}

export { lockCounter };
