#!/usr/bin/env node
// `pnpm bench`: runs every benchmark of the project, each in its own process, and writes one report
// (bench-report.md, also printed): each figure with its same-run baseline, the ratio and the goal.
// `pnpm bench -- --only sync` runs the benches whose name contains "sync"; `--skip soak` leaves those out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Every bench: module path (from the repo root) and the async function that returns BenchResult[]. */
const BENCHES = [
  { name: 'sync', module: 'server/bench/sync.bench.ts', fn: 'runSyncBench' },
  // CSV import of 10,000 spool rows vs a raw bulk insert of the same rows (issue 6).
  { name: 'import', module: 'server/bench/import.bench.ts', fn: 'runImportBench' },
  { name: 'relay', module: 'server/bench/relay.bench.ts', fn: 'runRelayBench' },
  { name: 'floor', module: 'e2e/bench/floor.bench.ts', fn: 'runFloorBench' },
  { name: 'scan', module: 'e2e/bench/scan.bench.ts', fn: 'runScanBench' },
  { name: 'pwa', module: 'e2e/bench/pwa.bench.ts', fn: 'runPwaBench' },
  // The floor soak under faults (issue 8); SOAK_SECONDS (default 60 here), SOAK_TABLETS, SOAK_PRINTERS.
  { name: 'soak', module: 'e2e/soak/soak.bench.ts', fn: 'runSoakBench' },
];

const args = process.argv.slice(2).filter((a) => a !== '--');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const skip = args.includes('--skip') ? args[args.indexOf('--skip') + 1] : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'printfloor-bench-'));
const tsx = join(root, 'server/node_modules/.bin/tsx');
const rows = [];
const problems = [];
const durations = [];

for (const b of BENCHES) {
  if (only && !b.name.includes(only)) continue;
  if (skip && b.name.includes(skip)) continue;
  if (!existsSync(join(root, b.module))) continue;
  const t0 = Date.now();
  console.log(`\n=== bench: ${b.name} (${b.module}) ===`);
  const out = join(tmp, `${b.name}.json`);
  const r = spawnSync(tsx, [join(root, 'scripts/run-bench.ts'), join(root, b.module), b.fn, out], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  durations.push(`${b.name} ${Math.round((Date.now() - t0) / 1000)} s`);
  if (r.status !== 0 || !existsSync(out)) {
    problems.push(`${b.name}: exited ${r.status ?? r.signal}`);
    continue;
  }
  for (const res of JSON.parse(readFileSync(out, 'utf8'))) rows.push({ bench: b.name, ...res });
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || 'unknown';
const unmet = rows.filter((r) => r.met === false);
const fmt = (v) => (v === undefined || v === null ? '' : typeof v === 'number' ? String(+v.toFixed(3)) : String(v));
const lines = [
  `# Printfloor benchmark report`,
  '',
  `Run at ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, database ${process.env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : 'embedded PGlite'}, commit ${commit}.`,
  '',
  `${rows.length} figures from ${new Set(rows.map((r) => r.bench)).size} benches; goals met: ${rows.filter((r) => r.met === true).length}, not met: ${unmet.length}${problems.length ? `, benches failed: ${problems.length}` : ''}. Ratio = baseline / ours unless the figure says otherwise.`,
  '',
  '| bench | figure | value | unit | baseline (same run) | ratio | goal | met |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.bench} | ${r.name} | ${fmt(r.value)} | ${r.unit ?? ''} | ${fmt(r.baseline)} | ${fmt(r.ratio)} | ${r.goal ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
  ),
  '',
  ...unmet.map((r) => `- goal not met: ${r.bench} / ${r.name} = ${fmt(r.value)} ${r.unit ?? ''} (goal ${r.goal})`),
  ...problems.map((p) => `- bench failed: ${p}`),
  `- time per bench: ${durations.join(', ')}`,
];
const report = lines.join('\n') + '\n';
writeFileSync(join(root, 'bench-report.md'), report);
console.log('\n' + report);
process.exit(problems.length > 0 ? 1 : 0);
