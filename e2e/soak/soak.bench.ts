// `pnpm bench` entry for the soak: a short run (SOAK_SECONDS, default 60 s; 50 tablets, 100
// printers) whose figures go into bench-report.md. The verdict's problems make the bench fail.
import { soakOptions } from './soak-config.ts';
import { runSoak } from './soak.ts';
import type { BenchResult } from '../bench/bench-result.ts';

export type { BenchResult } from '../bench/bench-result.ts';

export async function runSoakBench(): Promise<BenchResult[]> {
  if (!process.env.SOAK_SECONDS) process.env.SOAK_SECONDS = '60';
  const o = soakOptions(process.argv.includes('--long') ? ['--long'] : [], (m) =>
    console.log(`[soak bench] ${m}`),
  );
  const r = await runSoak(o);
  const f = r.faults;
  const faults =
    f.serverKills +
    f.postgresRestarts +
    f.brokerRestarts +
    f.networkCuts +
    f.droppedResponses +
    f.replayedPushes;
  const results: BenchResult[] = [
    {
      name: `operations/s held (${r.tablets} tablets, ${r.printers} printers, ${r.seconds} s)`,
      value: r.opsPerSecond,
      unit: 'ops/s',
      goal: 'held through every fault',
      met: r.problems.length === 0,
    },
    {
      name: `faults injected (kill ${f.serverKills}, pg ${f.postgresRestarts}, broker ${f.brokerRestarts}, cuts ${f.networkCuts}, dropped ${f.droppedResponses}, replayed ${f.replayedPushes})`,
      value: faults,
      unit: 'faults',
      goal: 'one of each kind',
      met: f.serverKills > 0 && f.brokerRestarts > 0,
    },
    {
      name: 'records written by tablets',
      value: r.documentsWritten,
      unit: 'docs',
      goal: '> 0',
      met: r.documentsWritten > 0,
    },
    { name: 'records lost', value: r.lost, unit: 'docs', goal: '0', met: r.lost === 0 },
    { name: 'duplicate records', value: r.duplicates, unit: 'docs', goal: '0', met: r.duplicates === 0 },
    {
      name: 'p95 propagation, tablet → tablet, during faults',
      value: r.p95LatencyDuringFaultsMs,
      unit: 'ms',
      baseline: r.p95LatencyMs,
      ratio: r.p95LatencyMs / r.p95LatencyDuringFaultsMs,
      goal: 'baseline = p95 over the whole run',
      met: Number.isFinite(r.p95LatencyDuringFaultsMs),
    },
    {
      name: 'server live heap growth after warm-up (after a forced GC)',
      value: (r.memoryGrowth ?? NaN) * 100,
      unit: '%',
      baseline: r.heapWarmKiB ?? undefined,
      goal: '≤ 10 % (baseline: heapUsed KiB after warm-up and a forced GC)',
      met: r.memoryGrowth !== null && r.memoryGrowth <= 0.1,
    },
    {
      name: 'verdict problems',
      value: r.problems.length,
      unit: 'problems',
      goal: '0',
      met: r.problems.length === 0,
    },
  ];
  for (const p of r.problems) console.log(`[soak bench] problem: ${p}`);
  return results;
}
