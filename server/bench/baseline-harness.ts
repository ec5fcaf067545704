// What every server bench shares: the result row `pnpm bench` reports, and the database a bench runs
// on — Postgres when DATABASE_URL is set (in a scratch database created beside it when allowed, so
// the bench's rows stay out of real data), else PGlite in a temp directory, the product's default.
// Each bench measures its same-run baseline on the database this returns.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../src/db/database.ts';
import type { Database } from '../src/db/database.ts';
import { silentLogger } from '../src/logger.ts';

/** One figure of a bench, as `scripts/bench.mjs` puts it in the report. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  /** baseline time / our time (≥ 1 means as fast as the baseline). */
  ratio?: number;
  goal: string;
  met?: boolean;
}

export interface BenchDatabase {
  db: Database;
  /** 'Postgres' or 'PGlite on disk', for the bench's log line. */
  label: string;
  /** Closes the database and removes the temp directory or scratch database. */
  cleanup: () => Promise<void>;
}

/**
 * Opens a migrated database for one bench run. `tag` names the temp directory / scratch database
 * (`printfloor-bench-<tag>-…`, `printfloor_bench_<tag>_…`); `log` hears the fallback when the scratch
 * database cannot be created and the bench runs in DATABASE_URL itself (its tenants keep it apart).
 */
export async function openBenchDatabase(tag: string, log: (msg: string) => void): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), `printfloor-bench-${tag}-`));
    const db = await openDatabase({ kind: 'pglite', dataDir: dir, logger: silentLogger });
    await db.migrate();
    return {
      db,
      label: 'PGlite on disk',
      cleanup: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  const name = `printfloor_bench_${tag}_${randomBytes(4).toString('hex')}`;
  let target = url;
  try {
    await admin.unsafe(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    target = u.toString();
  } catch {
    log('cannot create a scratch database; benchmarking in DATABASE_URL itself (two bench tenants)');
  }
  const db = await openDatabase({ kind: 'postgres', url: target, logger: silentLogger });
  await db.migrate();
  return {
    db,
    label: 'Postgres',
    cleanup: async () => {
      await db.close();
      if (target !== url) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}
