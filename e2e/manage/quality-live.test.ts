import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Operation, Printer, StepEvent } from '@printfloor/shared';
import { firstPassYield } from '../../client/src/manage/aggregates/quality.ts';
import { AppShell } from '../page-models/app-shell.ts';
import { pullAll } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import { createFirstManager, openManagerSession } from '../support/manager-session.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { pushDocs } from '../support/sync-push.ts';
import { ManagerPages } from './manager-pages.ts';

/**
 * Issue 6, heavy aggregates on the server: the Quality page draws the server's SQL report
 * (`/api/manage/reports/quality`, asked with the browser's time zone), a tablet's scrap moves its
 * Pareto without a reload, and with the reports endpoint unreachable the page computes the same
 * figures on the device and says so. Against the demo farm (30 days of history), with a fixture
 * scrap reason big enough to lead the Pareto. Also measures the time to the first figures of the
 * 30-day page, server report vs. local computation (printed, not asserted).
 */
const hasChromium = chromiumAvailable();
const ADMIN = { email: 'quality@e2e.example', password: 'a long enough e2e password' };
const REASON = 'E2E-LIVE';
const REPORTS = '**/api/manage/reports/**';

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;

async function shoot(page: Page, name: string): Promise<void> {
  const s = page.viewportSize()!;
  await page.evaluate(() => document.querySelector('.manage')?.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS_DIR, `manage-${name}-${s.width}x${s.height}.png`) });
}

/** A tablet of the demo farm reports step events (its demo token). */
const pushSteps = (docs: StepEvent[]): Promise<void> =>
  pushDocs(server!.url, server!.demoToken!, 'step_events', docs);

function scrap(id: string, qty: number, op: Operation, printerId: string): StepEvent {
  return {
    id,
    at: new Date(Date.now() - 60_000).toISOString(),
    operatorId: '',
    deviceId: 'e2e-tablet',
    serverUpdatedAt: null,
    workOrderId: op.workOrderId,
    operationId: op.id,
    type: 'scrap',
    printerId,
    qtyGood: 0,
    qtyScrap: qty,
    reasonCode: REASON,
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
  };
}

/** The first bar of a chart: its axis label and value label ("E2E-LIVE", "400 pcs"). */
async function firstBar(page: Page, title: string): Promise<[string, string]> {
  return page.evaluate((t) => {
    const fig = document.querySelector(`figure[aria-label="${t}"]`);
    // Category labels (recharts draws every axis's tick labels in one layer; the share axis reads 0%…100%).
    const ticks = [...(fig?.querySelectorAll('.recharts-cartesian-axis-tick-value') ?? [])]
      .map((x) => x.textContent ?? '')
      .filter((x) => !/^\d+%$/.test(x));
    const tick = ticks[0] ?? '';
    const value = fig?.querySelector('.recharts-label-list text')?.textContent ?? '';
    return [tick, value] as [string, string];
  }, title);
}

/** In-app navigation (no reload), as the manager's tabs do. */
async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** ms from an in-app navigation to /manage/quality?days=30 until its figures are drawn. */
async function timeToFigures(page: Page): Promise<{ ms: number; source: string; note: string }> {
  return page.evaluate(async () => {
    const t0 = performance.now();
    history.pushState(null, '', '/manage/quality?days=30');
    dispatchEvent(new PopStateEvent('popstate'));
    for (;;) {
      const f = document.querySelector<HTMLElement>('[data-testid="quality"]')?.dataset.figures;
      const note = document.querySelector('[data-testid="figures-source"]')?.textContent ?? '';
      if (f && f !== 'none') return { ms: performance.now() - t0, source: f, note };
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const BENCH = Number(process.env.QUALITY_BENCH_EVENTS ?? 0) > 0;
const RUNS = 7;

/** ms from the start of a full page load of /manage/quality?days=30 (app start included) to its figures. */
async function coldTimeToFigures(page: Page): Promise<{ ms: number; source: string; note: string }> {
  await page.goto(`${server!.url}/manage/quality?days=30`);
  const h = await page.waitForSelector('[data-testid="quality"]:not([data-figures="none"])', {
    timeout: 60_000,
  });
  return page.evaluate((el) => {
    const note = document.querySelector('[data-testid="figures-source"]')?.textContent ?? '';
    return { ms: performance.now(), source: (el as HTMLElement).dataset.figures ?? '', note };
  }, h);
}

/**
 * Median time to the first figures of the 30-day Quality page, each way, alternating; printed.
 * In-app: from the tab switch (the device's query may be warm in RxDB's cache); cold: a full load.
 */
async function measure(page: Page, what: string): Promise<void> {
  const warm: Record<'server' | 'local', number[]> = { server: [], local: [] };
  const cold: Record<'server' | 'local', number[]> = { server: [], local: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const side of ['server', 'local'] as const) {
      if (side === 'local') await page.route(REPORTS, (r) => r.abort('connectionrefused'));
      await goInApp(page, '/manage/farm');
      await page.getByTestId('farm-board').waitFor();
      const t = await timeToFigures(page);
      expect(t.source, t.note).toBe(side);
      warm[side].push(t.ms);
      if (i < 3) {
        const c = await coldTimeToFigures(page);
        expect(c.source, c.note).toBe(side);
        cold[side].push(c.ms);
      }
      if (side === 'local') await page.unroute(REPORTS);
    }
  }
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join('/');
  console.log(
    `quality page, last 30 days of ${what}: first figures after a tab switch: server ${median(warm.server).toFixed(0)} ms, ` +
      `on the device ${median(warm.local).toFixed(0)} ms (median of ${RUNS}; server ${list(warm.server)}; device ${list(warm.local)}); ` +
      `after a full page load: server ${median(cold.server).toFixed(0)} ms, on the device ${median(cold.local).toFixed(0)} ms ` +
      `(median of 3; server ${list(cold.server)}; device ${list(cold.local)})`,
  );
}

/** `n` step events over the last 30 days: start/complete pairs (1 in 8 with scrap) on the farm's printers. */
async function pushSyntheticMonth(n: number, ops: Operation[], printers: Printer[]): Promise<void> {
  const now = Date.now();
  const reasons = ['WARP', 'SPAGHETTI', 'LAYER_SHIFT', 'ADHESION'];
  const docs: StepEvent[] = [];
  for (let i = 0; i < n / 2; i++) {
    const op = ops[i % ops.length]!;
    const printerId = printers[i % printers.length]!.id;
    const t = now - Math.floor((i / (n / 2)) * 30 * 86_400_000) - 3_600_000;
    const base = { ...scrap(`bench-${i}-s`, 0, op, printerId), operationId: `bench-op-${i}`, reasonCode: '' };
    docs.push({ ...base, type: 'start', at: new Date(t).toISOString() });
    const scrapped = i % 8 === 0 ? 1 : 0;
    docs.push({
      ...base,
      id: `bench-${i}-c`,
      type: 'complete',
      at: new Date(t + 50 * 60_000).toISOString(),
      qtyGood: 4,
      qtyScrap: scrapped,
      reasonCode: scrapped ? reasons[i % reasons.length]! : '',
    });
  }
  for (let i = 0; i < docs.length; i += 100) await pushSteps(docs.slice(i, i + 100));
}

describe.skipIf(!hasChromium)('the Quality page on the server report', () => {
  beforeAll(async () => {
    ({ env, server, browser } = await openDemoShop());
    await createFirstManager(server, ADMIN);
  });

  afterAll(async () => {
    await closeDemoShop({ env, server, browser });
  });

  it(
    'shows server figures, follows a tablet live, and falls back to the device',
    { timeout: BENCH ? 900_000 : 120_000 },
    async () => {
      const { url, demoToken } = server!;
      const { ctx, page, errors } = await openManagerSession(browser!, server!, ADMIN, {
        context: { timezoneId: 'Europe/Berlin' },
        syncTimeoutMs: 120_000,
      });
      // Listening from here on is enough: only the Quality screen asks this report (none before step 1).
      const reportUrls: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/manage/reports/quality')) reportUrls.push(r.url());
      });

      // The fixture: 400 pieces scrapped for one reason on a real step and printer.
      const ops = (await pullAll(url, demoToken!, 'operations')) as unknown as Operation[];
      const printers = (await pullAll(url, demoToken!, 'printers')) as unknown as Printer[];
      const op = ops[0]!;
      const printer = printers.find((p) => p.active) ?? printers[0]!;
      await pushSteps([scrap('e2e-live-1', 400, op, printer.id)]);

      // 1. Server figures: the request went out with the browser's zone, the page shows its answer.
      const answer = page.waitForResponse((r) => r.url().includes('/api/manage/reports/quality') && r.ok());
      await page.goto(`${url}/manage/quality?days=30`);
      const report = (await (await answer).json()) as {
        scrapByReason: { key: string; value: number }[];
        firstPassYield: { good: number; scrap: number; yield: number | null };
      };
      const asked = new URL(reportUrls[0]!);
      expect(asked.searchParams.get('tz')).toBe('Europe/Berlin');
      await page.waitForSelector('[data-testid="quality"][data-figures="server"]');
      expect(report.scrapByReason[0]).toMatchObject({ key: REASON, value: 400 });
      expect(await firstBar(page, 'Scrap by reason')).toEqual([REASON, '400 pcs']);
      // The same first-pass yield as the client's own aggregate over the same window and data.
      const events = (await pullAll(url, demoToken!, 'step_events')) as unknown as StepEvent[];
      const w = {
        from: Date.parse(asked.searchParams.get('from')!),
        to: Date.parse(asked.searchParams.get('to')!),
      };
      const fpy = firstPassYield(events, w);
      expect(report.firstPassYield).toEqual(fpy);
      const fpyText = `${(fpy.yield! * 100).toFixed(1)}%`;
      expect(await page.getByTestId('fpy').innerText()).toContain(fpyText);
      expect(await page.getByTestId('fpy').innerText()).toContain(`${fpy.good} good, ${fpy.scrap} scrap`);
      await expect
        .poll(() => page.getByTestId('figures-source').innerText())
        .toMatch(/^Server report · updated/);
      await shoot(page, 'quality-server');

      // 2. A tablet reports 50 more: the Pareto moves without a reload, through one more request.
      let navigations = 0;
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) navigations++;
      });
      const before = reportUrls.length;
      await pushSteps([scrap('e2e-live-2', 50, op, printer.id)]);
      await expect
        .poll(() => firstBar(page, 'Scrap by reason'), { timeout: 30_000 })
        .toEqual([REASON, '450 pcs']);
      expect(reportUrls.length).toBeGreaterThan(before);
      expect(await page.locator('[data-testid="quality"]').getAttribute('data-figures')).toBe('server');

      // 3. The reports endpoint unreachable: the next change computes on the device, with a note.
      await page.route(REPORTS, (r) => r.abort('connectionrefused'));
      await pushSteps([scrap('e2e-live-3', 25, op, printer.id)]);
      await page.waitForSelector('[data-testid="quality"][data-figures="local"]', { timeout: 30_000 });
      await expect
        .poll(() => firstBar(page, 'Scrap by reason'), { timeout: 30_000 })
        .toEqual([REASON, '475 pcs']);
      expect(await page.getByTestId('figures-source').innerText()).toBe(
        'Computed on this device — server unreachable',
      );
      // The local figures are the server's definitions: same first-pass yield (plus the 25 scrapped).
      expect(await page.getByTestId('fpy').innerText()).toContain(
        `${fpy.good} good, ${fpy.scrap + 75} scrap`,
      );
      await shoot(page, 'quality-local');

      // 4. Reachable again: the next change brings the server's figures back.
      await page.unroute(REPORTS);
      await pushSteps([scrap('e2e-live-4', 5, op, printer.id)]);
      await page.waitForSelector('[data-testid="quality"][data-figures="server"]', { timeout: 30_000 });
      await expect.poll(() => firstBar(page, 'Scrap by reason')).toEqual([REASON, '480 pcs']);
      expect(navigations).toBe(0);

      // 5. Inventory: its usage chart and reorder columns from the server, live grams from the device.
      const m = new ManagerPages(page);
      const inv = page.waitForResponse((r) => r.url().includes('/api/manage/reports/inventory') && r.ok());
      await m.openTab('Inventory', 'inventory');
      expect(new URL((await inv).url()).searchParams.get('tz')).toBe('Europe/Berlin');
      await page.waitForSelector('[data-testid="figures-source"][data-source="server"]');
      await page.getByTestId('stock-group').first().waitFor();
      await shoot(page, 'inventory-server');

      // 6. Time to the first figures of the 30-day page, server report vs computed on the device.
      await measure(page, `the demo farm (${events.length} step events)`);
      // QUALITY_BENCH_EVENTS=20000: the same on a bigger farm's month (synthetic steps pushed by a tablet).
      const extra = Number(process.env.QUALITY_BENCH_EVENTS ?? 0);
      if (extra > 0) {
        await pushSyntheticMonth(extra, ops, printers);
        await new AppShell(page).waitForSync('synced', 0, 600_000);
        await page.waitForTimeout(3_000);
        await measure(page, `the demo farm + ${extra} synthetic step events`);
      }
      expect(errors).toEqual([]);
      await ctx.close();
    },
  );
});
