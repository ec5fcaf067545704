import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spool, SpoolMovement, StepEvent } from '@printfloor/shared';
import {
  downtimeByReason,
  firstPassYield,
  pareto,
  scrapByPrinter,
  scrapByReason,
  utilisation,
} from '../../client/src/manage/aggregates/quality.ts';
import { spoolRows, stockGroups, usagePerDay } from '../../client/src/manage/aggregates/inventory.ts';
import { pullAll as pullWire } from '../support/api.ts';

/**
 * The live documents, as a client's local database holds them: a pull also returns tombstones
 * (`_deleted`), which the reports leave out. On a Postgres shared by the whole e2e run the demo
 * tenant carries other tests' deleted records (an undone movement, a deleted spool).
 */
async function pullAll(...args: Parameters<typeof pullWire>): ReturnType<typeof pullWire> {
  return (await pullWire(...args)).filter((d) => (d as { _deleted?: boolean })._deleted !== true);
}
import {
  disposeServer,
  newServerEnv,
  startServer,
  type ServerEnv,
  type TestServer,
} from '../support/server.ts';
import { createFirstAdmin } from '../accounts/accounts-support.ts';

/**
 * Issue 6: the server's SQL reports (server/src/manage/reports.repo.ts, for ranges beyond what a
 * browser holds) and the client's pure aggregates (client/src/manage/aggregates, on the live local
 * data) must say the same thing. Both run here on the same data: the demo farm's whole history
 * (the real server with `--demo`, pulled through sync as a tablet would) over the last 30 days.
 * The window ends at today's UTC midnight, in the past, so "now" (where open intervals end) cannot
 * differ between the two sides.
 */
const ADMIN = { email: 'admin@agree.example', password: 'agree admin password' };
const DAY = 86_400_000;

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let cookie = '';

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${server!.url}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
const sortedEntries = (m: Map<string, number>) =>
  [...m].map(([k, v]) => [k, r6(v)] as const).sort((a, b) => a[0].localeCompare(b[0]));

interface ParetoRow {
  key: string;
  value: number;
  share: number;
  cumulative: number;
}
const roundPareto = (rows: ParetoRow[]) =>
  rows.map((r) => ({ key: r.key, value: r6(r.value), share: r6(r.share), cumulative: r6(r.cumulative) }));

describe('SQL reports agree with the client aggregates', () => {
  beforeAll(async () => {
    env = await newServerEnv();
    server = await startServer(env, { demo: true });
    await createFirstAdmin(server, ADMIN.email, ADMIN.password, env);
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('pf_session='))!
      .split(';')[0]!;
  }, 120_000);
  afterAll(async () => disposeServer(server, env));

  it('quality: scrap Pareto by reason and printer, first-pass yield, downtime, utilisation', async () => {
    const now = Date.now();
    const to = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate(),
    );
    const w = { from: to - 30 * DAY, to };
    const events = (await pullAll(server!.url, server!.demoToken!, 'step_events')) as unknown as StepEvent[];
    const q = await get<{
      scrapByReason: ParetoRow[];
      scrapByPrinter: ParetoRow[];
      firstPassYield: { good: number; scrap: number; yield: number | null };
      downtimeByReason: ParetoRow[];
      utilisation: { printer: string; utilisation: number }[];
    }>(
      `/api/manage/reports/quality?from=${new Date(w.from).toISOString()}&to=${new Date(w.to).toISOString()}&tz=UTC`,
    );

    const fpy = firstPassYield(events, w);
    // The demo's history has to hold something for the comparison to mean anything.
    expect(fpy.good + fpy.scrap).toBeGreaterThan(0);
    expect(roundPareto(q.scrapByReason)).toEqual(roundPareto(pareto(scrapByReason(events, w))));
    expect(roundPareto(q.scrapByPrinter)).toEqual(roundPareto(pareto(scrapByPrinter(events, w))));
    expect(q.firstPassYield).toEqual(fpy);
    expect(roundPareto(q.downtimeByReason)).toEqual(roundPareto(pareto(downtimeByReason(events, now, w))));
    const util = utilisation(events, w, now);
    expect(util.size).toBeGreaterThan(0);
    expect(
      q.utilisation
        .map((u) => [u.printer, r6(u.utilisation)] as const)
        .sort((a, b) => a[0].localeCompare(b[0])),
    ).toEqual(sortedEntries(util).filter(([, v]) => v > 0));
  });

  it('inventory: usage per day and stock with reorder points per material and colour', async () => {
    // The demo's printers may record consumption while this runs: compare a report taken between
    // two identical pulls.
    for (let attempt = 1; ; attempt++) {
      const before = (await pullAll(
        server!.url,
        server!.demoToken!,
        'spool_movements',
      )) as unknown as SpoolMovement[];
      const spools = (await pullAll(server!.url, server!.demoToken!, 'spools')) as unknown as Spool[];
      const now = Date.now();
      const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const today = new Date(now);
      const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 27).getTime();
      const inv = await get<{
        usagePerDay: { day: string; grams: number }[];
        groups: Record<string, unknown>[];
      }>(
        `/api/manage/reports/inventory?from=${new Date(from).toISOString()}&to=${new Date(now).toISOString()}&tz=${encodeURIComponent(tz)}`,
      );
      const after = (await pullAll(
        server!.url,
        server!.demoToken!,
        'spool_movements',
      )) as unknown as SpoolMovement[];
      if (after.length !== before.length && attempt < 3) continue;

      expect(inv.usagePerDay).toEqual(usagePerDay(before, now, 28));
      expect(inv.usagePerDay.some((d) => d.grams > 0)).toBe(true);
      const pick = (g: Record<string, unknown>) => ({
        key: g.key,
        spools: g.spools,
        remainingG: g.remainingG,
        usedInWindowG: g.usedInWindowG,
        avgDailyUseG: r6(Number(g.avgDailyUseG)),
        reorderPointG: r6(Number(g.reorderPointG)),
        daysOfStock: g.daysOfStock === null ? null : r6(Number(g.daysOfStock)),
        low: g.low,
      });
      const client = stockGroups(spoolRows(spools, before), now).map((g) => pick({ ...g }));
      expect(inv.groups.map(pick)).toEqual(client);
      return;
    }
  });
});
