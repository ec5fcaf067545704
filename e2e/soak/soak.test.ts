import { describe, expect, it } from 'vitest';
import { soakOptions } from './soak-config.ts';
import { runSoak } from './soak.ts';

// CI-sized soak (issue 8): 50 tablets (3 on the app's RxDB data layer), 100 printers, 2 minutes, one
// of each fault — server SIGKILL, broker restart, Postgres restart (only with DATABASE_URL), network
// cuts, dropped and replayed pushes. Resize with SOAK_TABLETS, SOAK_PRINTERS, SOAK_SECONDS.
const opts = soakOptions([], (m) => process.stdout.write(`[soak] ${m}\n`));
const budgetMs = (opts.seconds + 420) * 1000;

// On by default (part of `pnpm test`); SOAK=0 (or `pnpm test -- --no-soak`) skips it. Its last
// opt-in runs found two real problems, both fixed since: the server died on a Postgres restart
// (postgres.js nextWrite on a closed socket, patched in server/patches/) and an RxDB tablet kept an
// edit "waiting" forever (a dropped reconcile in client/src/data/sync-engine.ts).
const enabled = process.env.SOAK !== '0';
if (!enabled) process.stdout.write('[soak] skipped: SOAK=0\n');

describe.skipIf(!enabled)('a simulated floor under faults', () => {
  it(
    'loses nothing, duplicates nothing, converges everywhere, shows no stale printer as live, holds its memory',
    async () => {
      const report = await runSoak(opts);
      process.stdout.write(`[soak] ${JSON.stringify({ ...report, problems: undefined })}\n`);
      expect(report.faults.serverKills).toBe(1);
      expect(report.faults.brokerRestarts).toBe(1);
      expect(report.faults.postgresRestarts).toBe(process.env.DATABASE_URL ? 1 : 0);
      expect(report.faults.droppedResponses + report.faults.replayedPushes).toBeGreaterThan(0);
      expect(report.documentsWritten).toBeGreaterThan(0);
      expect(report.lost).toBe(0);
      expect(report.duplicates).toBe(0);
      expect(report.problems).toEqual([]);
    },
    budgetMs,
  );
});
