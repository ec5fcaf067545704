// CSV import benchmark (issue 6): a 10,000-row spool import — parse, validate with the shared zod
// schemas, check codes against the tenant, write spools + their `receive` movements through the
// sync path's writer in one transaction — against a same-run baseline: a raw bulk insert of the
// very same rows (already built, no parsing, validation, lock or seq bookkeeping) into the same
// tables under another tenant. Runs alone (`tsx server/bench/import.bench.ts`) or from `pnpm bench
// -- --only import`. Postgres when DATABASE_URL is set (a scratch database beside it), else PGlite
// on disk, the product's default.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { createTenant } from '../src/admin/admin.service.ts';
import { openDatabase } from '../src/db/database.ts';
import type { Database } from '../src/db/database.ts';
import { withTenant } from '../src/db/tenant-scope.ts';
import { silentLogger } from '../src/logger.ts';
import { ImportService } from '../src/manage/import.service.ts';
import { validateCsv } from '../src/manage/import.service.ts';
import type { ImportActor } from '../src/manage/import-types.ts';
import { writeRows } from '../src/sync/sync.repo.ts';
import { toRow, wireOf } from '../src/sync/wire.ts';
import type { AnyWireDoc } from '../src/sync/push-decision.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  goal: string;
  met?: boolean;
}

const ROWS = 10_000;
const CHUNK = 1_000;

function csvOf(prefix: string, n: number): string {
  const lines = ['code,material,colorName,colorHex,brand,netWeightG,tareWeightG,lot,location'];
  for (let i = 0; i < n; i++) {
    const hex = ((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(-6).toUpperCase();
    lines.push(
      `${prefix}${i},PLA,Colour ${i % 40},#${hex},Acme,1000,${180 + (i % 50)},LOT-${i % 97},Rack ${i % 12}`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export async function runImportBench(): Promise<BenchResult[]> {
  const { db, label, cleanup } = await openBenchDatabase();
  try {
    const tenant = await createTenant(db.orm, 'import-bench');
    const baselineTenant = await createTenant(db.orm, 'import-bench-baseline');
    const actor: ImportActor = { tenantId: tenant.id, by: 'import:bench', deviceId: 'import' };
    const imports = new ImportService(db);
    log(`import bench on ${label}: ${ROWS} spool rows (+ ${ROWS} receive movements)`);

    await imports.commit('spools', { csv: csvOf('SP-W', 200) }, actor); // warm-up: plans, JIT

    const csv = csvOf('SP-I', ROWS);
    const p0 = performance.now();
    const preview = await imports.preview('spools', { csv }, actor);
    const previewMs = performance.now() - p0;
    if (!preview.valid) throw new Error(`bench file invalid: ${JSON.stringify(preview.errors.slice(0, 3))}`);

    const c0 = performance.now();
    const done = await imports.commit('spools', { csv }, actor);
    const commitMs = performance.now() - c0;
    if (done.writes.spools !== ROWS) throw new Error(`wrote ${done.writes.spools} spools, not ${ROWS}`);

    // Baseline: the same documents, already built, bulk-inserted as they are.
    const built = await withTenant(db.orm, baselineTenant.id, (tx) =>
      validateCsv(
        tx,
        'spools',
        { csv: csvOf('SP-R', ROWS) },
        { ...actor, tenantId: baselineTenant.id },
        new Date(),
      ),
    );
    const stamp = new Date().toISOString();
    let seq = 0;
    const rowsOf = (name: 'spools' | 'spool_movements') =>
      (built.docs[name] ?? []).map((d: AnyWireDoc) =>
        toRow(wireOf(name), d, baselineTenant.id, ++seq, stamp),
      );
    const spoolRows = rowsOf('spools');
    const movementRows = rowsOf('spool_movements');
    const b0 = performance.now();
    await db.orm.transaction(async (tx) => {
      for (const [name, rows] of [
        ['spools', spoolRows],
        ['spool_movements', movementRows],
      ] as const) {
        for (let i = 0; i < rows.length; i += CHUNK)
          await writeRows(tx, wireOf(name), rows.slice(i, i + CHUNK), []);
      }
    });
    const baselineMs = performance.now() - b0;

    const rate = (ms: number) => Math.round((ROWS / ms) * 1000);
    log(
      `preview ${previewMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms, raw bulk insert ${baselineMs.toFixed(0)} ms`,
    );
    return [
      {
        name: `CSV import commit, ${ROWS} spool rows (parse + validate + write 2 docs/row, one transaction)`,
        value: rate(commitMs),
        unit: 'rows/s',
        baseline: rate(baselineMs),
        ratio: baselineMs / commitMs,
        goal: 'completes; ≥ 0.25 × the raw bulk insert of the same rows',
        met: baselineMs / commitMs >= 0.25,
      },
      {
        name: `CSV import commit, ${ROWS} spool rows: wall time`,
        value: Math.round(commitMs),
        unit: 'ms',
        baseline: Math.round(baselineMs),
        ratio: baselineMs / commitMs,
        goal: '< 30 s on the embedded database',
        met: commitMs < 30_000,
      },
      {
        name: `CSV import preview, ${ROWS} spool rows (parse + validate, nothing written)`,
        value: rate(previewMs),
        unit: 'rows/s',
        baseline: rate(baselineMs),
        ratio: baselineMs / previewMs,
        goal: 'faster than writing the rows (ratio ≥ 1)',
        met: baselineMs / previewMs >= 1,
      },
    ];
  } finally {
    await cleanup();
  }
}

async function openBenchDatabase(): Promise<{ db: Database; label: string; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'printfloor-import-bench-'));
    const db = await openDatabase({ kind: 'pglite', dataDir: dir, logger: silentLogger });
    await db.migrate();
    return {
      db,
      label: 'PGlite on disk',
      cleanup: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  const name = `printfloor_bench_import_${randomBytes(4).toString('hex')}`;
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

function log(msg: string): void {
  console.error(`[import bench] ${msg}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runImportBench().then(
    (r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
