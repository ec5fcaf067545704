import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/database.ts';
import type { Database, DbKind } from '../../src/db/database.ts';
import { silentLogger } from '../../src/logger.ts';

/**
 * Which database the integration tests run on: real Postgres when TEST_DATABASE_URL or
 * DATABASE_URL is set (each test file then gets a fresh database on that server, dropped after),
 * embedded PGlite otherwise.
 */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
export const BACKEND: DbKind = PG_ADMIN_URL ? 'postgres' : 'pglite';
export const onPostgres = BACKEND === 'postgres';

export interface TestDatabase {
  kind: DbKind;
  /** Postgres: the fresh database's URL. */
  url: string | undefined;
  /** PGlite on disk (`persistent: true`): its DATA_DIR. */
  dataDir: string | undefined;
  /** Opens (and migrates) a connection to it. In-memory PGlite: always the same instance. */
  open(): Promise<Database>;
  /** Closes what `open` returned and removes the database. */
  destroy(): Promise<void>;
}

/** A fresh, isolated database for one test file. `persistent` → PGlite in a temp dir (for spawned servers). */
export async function createTestDatabase(opts: { persistent?: boolean } = {}): Promise<TestDatabase> {
  return PG_ADMIN_URL ? createPostgresDatabase(PG_ADMIN_URL) : createPgliteDatabase(opts.persistent ?? false);
}

async function createPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `printfloor_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const opened: Database[] = [];
  return {
    kind: 'postgres',
    url,
    dataDir: undefined,
    async open() {
      const db = await openDatabase({ kind: 'postgres', url, logger: silentLogger });
      opened.push(db);
      await db.migrate();
      return db;
    },
    async destroy() {
      await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

async function createPgliteDatabase(persistent: boolean): Promise<TestDatabase> {
  const dataDir = persistent ? mkdtempSync(join(tmpdir(), 'printfloor-test-')) : undefined;
  let memory: Database | undefined;
  const opened: Database[] = [];
  return Promise.resolve({
    kind: 'pglite' as const,
    url: undefined,
    dataDir,
    async open() {
      if (!dataDir && memory) return memory;
      const db = await openDatabase({ kind: 'pglite', dataDir, logger: silentLogger });
      await db.migrate();
      opened.push(db);
      if (!dataDir) memory = db;
      return db;
    },
    async destroy() {
      await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
