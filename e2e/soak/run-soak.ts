// `pnpm --filter @printfloor/e2e soak [-- --long]`: one soak run, its figures as JSON and a verdict.
import { soakOptions } from './soak-config.ts';
import { runSoak } from './soak.ts';

const log = (m: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const opts = soakOptions(process.argv.slice(2), log);
log(
  `${opts.tablets} tablets (${opts.rxTablets} RxDB on ${opts.rxStorage}), ${opts.printers} printers, ${opts.seconds} s, database ${process.env.DATABASE_URL ? 'Postgres' : 'PGlite'}`,
);
const report = await runSoak(opts);
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
log(report.problems.length === 0 ? 'PASS' : `FAIL:\n  ${report.problems.join('\n  ')}`);
process.exit(report.problems.length === 0 ? 0 : 1);
