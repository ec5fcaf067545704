import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * What the repositories run queries on: the database or a transaction of it, for either driver
 * (PGlite and postgres-js share drizzle's pg-core query builder; only `execute()` results differ,
 * so repositories use the builder, never raw result shapes).
 */
export type Executor = PgDatabase<PgQueryResultHKT>;
