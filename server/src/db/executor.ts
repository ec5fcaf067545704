import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * What the repositories run queries on: the database or a transaction of it, for either driver
 * (PGlite and postgres-js share drizzle's pg-core query builder; only `execute()` results differ —
 * `{ rows }` versus an array — so repositories use the builder, and the one raw statement of the
 * sync path, pullJson, reads its result through a helper that knows both shapes).
 */
export type Executor = PgDatabase<PgQueryResultHKT>;
