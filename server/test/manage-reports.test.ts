import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, errorCode } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';
import { EXPECTED, buildFixture, fixtureBase } from './manage-fixture.ts';
import type { Fixture } from './manage-fixture.ts';

let h: Harness;
let fx: Fixture;
const PASSWORD = 'a long enough password';
const wire = <T extends object>(docs: T[]) =>
  docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }));

async function signIn(email: string): Promise<Browser> {
  const b = new Browser(h.server.url);
  const r = await b.login(email, PASSWORD);
  expect(r.status).toBe(200);
  return b;
}

beforeAll(async () => {
  h = await startHarness();
  const acc = h.server.app.accounts;
  await acc.createUser(h.a.id, 'lead@shop.example', 'lead', PASSWORD);
  await acc.createUser(h.a.id, 'op@shop.example', 'operator', PASSWORD);
  await acc.createUser(h.b.id, 'lead@other.example', 'lead', PASSWORD);
  fx = buildFixture(fixtureBase());
  await h.a.api.push('step_events', wire(fx.events));
  await h.a.api.push('printers', wire([printerDoc('P1', 'PR-P1')]));
  await h.a.api.push('spools', wire(fx.spools));
  await h.a.api.push('spool_movements', wire(fx.movements));
});
afterAll(async () => h?.close());

const range = () => `from=${fx.from.toISOString()}&to=${fx.to.toISOString()}&tz=UTC`;

describe(`manager reports as SQL on ${BACKEND}`, () => {
  it('quality: Pareto of scrap by reason and printer, first-pass yield, downtime, utilisation', async () => {
    const b = await signIn('lead@shop.example');
    const r = await b.request('GET', `/api/manage/reports/quality?${range()}`);
    expect(r.status).toBe(200);
    const q = r.body as Record<string, unknown>;
    expect(round(q.scrapByReason)).toEqual(round(EXPECTED.scrapByReason));
    expect(round(q.scrapByPrinter)).toEqual(round(EXPECTED.scrapByPrinter));
    expect(q.firstPassYield).toEqual(EXPECTED.firstPassYield);
    expect(round(q.downtimeByReason)).toEqual(round(EXPECTED.downtimeByReason));
    expect(round(q.utilisation)).toEqual(
      round([
        { printer: 'P1', utilisation: EXPECTED.utilisation.P1 },
        { printer: 'P2', utilisation: EXPECTED.utilisation.P2 },
      ]),
    );
    expect(round(q.utilisationPerDay)).toEqual(
      round(
        EXPECTED.utilisationPerDay.map(([d, printer, u]) => ({
          day: d === 0 ? fx.day1 : fx.day2,
          printer,
          utilisation: u,
        })),
      ),
    );
  });

  it('inventory: usage per day and the reorder inputs per material and colour', async () => {
    const b = await signIn('lead@shop.example');
    const r = await b.request(
      'GET',
      `/api/manage/reports/inventory?${range()}&windowDays=30&leadTimeDays=7&safetyDays=3`,
    );
    expect(r.status).toBe(200);
    const inv = r.body as { usagePerDay: unknown; groups: Record<string, unknown>[] };
    expect(inv.usagePerDay).toEqual([
      { day: fx.day1, grams: EXPECTED.usagePerDay[0] },
      { day: fx.day2, grams: EXPECTED.usagePerDay[1] },
    ]);
    const picked = inv.groups.map((g) => ({
      key: g.key,
      spools: g.spools,
      remainingG: g.remainingG,
      usedInWindowG: g.usedInWindowG,
      daysOfStock: g.daysOfStock,
      low: g.low,
      avgDailyUseG: g.avgDailyUseG,
      reorderPointG: g.reorderPointG,
    }));
    expect(round(picked)).toEqual(
      round(
        EXPECTED.stock.map((g) => ({
          ...g,
          avgDailyUseG: g.usedInWindowG / 30,
          reorderPointG: (g.usedInWindowG / 30) * 10,
        })),
      ),
    );
  });

  it('a report table downloads as CSV', async () => {
    const b = await signIn('lead@shop.example');
    const r = await b.request('GET', `/api/manage/reports/csv/scrap-by-reason?${range()}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(String(r.body).replace(/^\uFEFF/, '')).toBe(
      'reason,value,sharePct,cumulativePct\r\nstringing,3,50,50\r\nwarp,2,33.33,83.33\r\nunspecified,1,16.67,100\r\n',
    );
    // Printers are named by code beside their id.
    const util = await b.request('GET', `/api/manage/reports/csv/utilisation?${range()}`);
    expect(String(util.body).replace(/^\uFEFF/, '')).toBe(
      'printer,printerCode,utilisationPct\r\nP1,PR-P1,25\r\nP2,,12.5\r\n',
    );
    expect((await b.request('GET', `/api/manage/reports/csv/nope?${range()}`)).status).toBe(404);
  });

  it("sees only the caller's tenant, and operators get no report", async () => {
    const other = await signIn('lead@other.example');
    const r = await other.request('GET', `/api/manage/reports/quality?${range()}`);
    expect(r.status).toBe(200);
    expect((r.body as { scrapByReason: unknown[] }).scrapByReason).toEqual([]);
    const op = await signIn('op@shop.example');
    const denied = await op.request('GET', `/api/manage/reports/quality?${range()}`);
    expect(denied.status).toBe(403);
    expect(errorCode(denied.body)).toBe('forbidden');
    expect((await new Browser(h.server.url).request('GET', '/api/manage/reports/quality')).status).toBe(401);
  });

  it('refuses a reversed or too long range and an unknown time zone', async () => {
    const b = await signIn('lead@shop.example');
    const bad = [
      `from=${fx.to.toISOString()}&to=${fx.from.toISOString()}`,
      'from=2020-01-01&to=2026-01-01',
      'tz=Mars/Olympus',
    ];
    for (const q of bad) {
      const r = await b.request('GET', `/api/manage/reports/quality?${q}`);
      expect(r.status, q).toBe(422);
    }
  });
});

/** Numbers rounded to 9 decimals, deeply: SQL's float sums and the hand's fractions then compare equal. */
function printerDoc(id: string, code: string) {
  return {
    id,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'test',
    serverUpdatedAt: null,
    code,
    name: code,
    brand: 'Bambu Lab',
    protocol: 'bambu' as const,
    model: 'X1C',
    serial: '',
    location: '',
    workCenterId: '',
    slots: 4,
    active: true,
    notes: '',
  };
}

function round(x: unknown): unknown {
  if (typeof x === 'number') return Math.round(x * 1e9) / 1e9;
  if (Array.isArray(x)) return x.map(round);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]));
  return x;
}
