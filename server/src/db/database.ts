import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { MIGRATIONS_DIR } from '../paths.ts';
import type { Logger } from '../logger.ts';
import { LocalChangeBus, PgNotifyBus } from './change-bus.ts';
import type { ChangeBus } from './change-bus.ts';
import type { Executor } from './executor.ts';
import { lockDataDir } from './pglite-lock.ts';

export type DbKind = 'pglite' | 'postgres';

/** An open database: the query builder, the live change bus, and how to migrate and close it. */
export interface Database {
  kind: DbKind;
  orm: Executor;
  /** The driver underneath (benchmarks measure raw SQL on the very same connection pool). */
  driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; client: postgres.Sql };
  bus: ChangeBus;
  /** Applies the drizzle-kit migrations in drizzle/ (idempotent; safe with several instances starting at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; logger: Logger; poolSize?: number }
  /** `dataDir: undefined` → in-memory (tests). */
  | { kind: 'pglite'; dataDir: string | undefined; logger: Logger };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.kind === 'postgres'
    ? openPostgres(opts.url, opts.logger, opts.poolSize)
    : openPglite(opts.dataDir, opts.logger);
}

async function openPostgres(url: string, logger: Logger, poolSize = 10): Promise<Database> {
  const client = postgres(url, { max: poolSize, onnotice: () => undefined });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 });
    throw new Error(`cannot reach Postgres at ${redact(url)}: ${(err as Error).message}`);
  }
  const bus = await PgNotifyBus.start(url, logger);
  return {
    kind: 'postgres',
    orm: drizzlePostgres(client) as unknown as Executor,
    driver: { kind: 'postgres', client },
    bus,
    migrate: () => migratePostgresLocked(url),
    async close() {
      await bus.close();
      await client.end({ timeout: 5 });
    },
  };
}

/** Several server processes may start at once on one database: an advisory lock lets one migrate at a time. */
async function migratePostgresLocked(url: string): Promise<void> {
  const conn = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await conn`select pg_advisory_lock(727274)`;
    await migratePostgres(drizzlePostgres(conn), { migrationsFolder: MIGRATIONS_DIR });
    await conn`select pg_advisory_unlock(727274)`;
  } finally {
    await conn.end({ timeout: 1 });
  }
}

async function openPglite(dataDir: string | undefined, _logger: Logger): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let pg: PGlite;
  try {
    pg = dataDir ? new PGlite(join(dataDir, 'pglite')) : new PGlite();
    await pg.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const orm = drizzlePglite(pg);
  const bus = new LocalChangeBus();
  return {
    kind: 'pglite',
    orm: orm as unknown as Executor,
    driver: { kind: 'pglite', client: pg },
    bus,
    migrate: () => migratePglite(orm, { migrationsFolder: MIGRATIONS_DIR }),
    async close() {
      await bus.close();
      await pg.close();
      unlock();
    },
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** DATABASE_URL → Postgres; otherwise PGlite persisted under DATA_DIR (survives restarts). */
export function databaseOptionsFromEnv(
  env: { DATABASE_URL: string | undefined; DATA_DIR: string },
  logger: Logger,
): DatabaseOptions {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, logger }
    : { kind: 'pglite', dataDir: env.DATA_DIR, logger };
}

/** One line saying which database is in use (no password). */
export function describeDatabase(env: { DATABASE_URL: string | undefined; DATA_DIR: string }): string {
  return env.DATABASE_URL
    ? `Postgres at ${redact(env.DATABASE_URL)}`
    : `embedded PGlite in ${join(env.DATA_DIR, 'pglite')}`;
}
