import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AppShell } from '../page-models/app-shell.ts';
import { StationPage } from '../page-models/station-page.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import { connectSitePrinter, uniquePrinterCode, type SitePrinter } from '../support/site-printer.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';

/**
 * Issue 5 on the tablet: the station screen's live printer card and the printers list's live
 * badges, fed by /api/printers/stream. A native printer with a unique code is driven on the site
 * Mosquitto (MQTT_URL); the demo's simulated printers fill the rest of the list. Not-live is
 * checked by ending the stream (the server stops): the card must stop calling itself live and say why.
 */
const hasChromium = chromiumAvailable();
const CODE = uniquePrinterCode('PR-LIVE');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
] as const;

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;
let printer: SitePrinter | null = null;

async function pushPrinter(url: string, token: string): Promise<void> {
  const res = await printer!.push(url, token);
  expect(res.status, await res.clone().text()).toBe(200);
}

const publish = (payload: object): Promise<void> => printer!.publish(payload, { retain: true });

async function shootAll(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(ARTIFACTS_DIR, `printers-${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

const card = (page: Page) => page.locator(`[data-testid="live-printer"][data-code="${CODE}"]`);

describe.skipIf(!hasChromium)('live printers on the tablet', () => {
  beforeAll(async () => {
    printer = await connectSitePrinter(CODE, 'Live card printer');
    ({ env, server, browser } = await openDemoShop());
  });

  afterAll(async () => {
    await printer?.close();
    await closeDemoShop({ env, server, browser });
  });

  it('station card and printers list show live state, errors, and not-live when the stream is gone', async () => {
    const { url, enrolUrl, demoToken } = server!;
    expect(enrolUrl, server!.output()).toBeTruthy();
    await pushPrinter(url, demoToken!);
    await publish({ state: 'idle', nozzleTemp: 24, bedTemp: 23 });

    const ctx = await browser!.newContext({ viewport: SIZES[0] });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(enrolUrl!);
    const shell = new AppShell(page);
    await shell.waitForSync('synced', 0);

    // The station is the native printer: its card is live and follows the broker.
    const station = new StationPage(page);
    await station.bind('printer', CODE);
    await card(page).waitFor({ timeout: 20_000 });
    // The "station bound" toast would cover the screenshots: let it go first.
    await page.getByTestId('toast').waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForSelector(
      `[data-testid="live-printer"][data-code="${CODE}"][data-state="idle"][data-freshness="live"]`,
      {
        timeout: 20_000,
      },
    );
    await publish({
      state: 'printing',
      progress: 37,
      remainingMinutes: 84,
      layer: 61,
      totalLayers: 240,
      jobName: 'bracket_M8_x12.3mf',
      nozzleTemp: 219,
      nozzleTarget: 220,
      bedTemp: 60,
      bedTarget: 60,
    });
    await page.waitForSelector(
      `[data-testid="live-printer"][data-code="${CODE}"][data-state="printing"][data-freshness="live"]`,
    );
    const text = await card(page).innerText();
    expect(text).toContain('Printing');
    expect(text).toContain('bracket_M8_x12.3mf');
    expect(text).toContain('37%');
    expect(text).toContain('1 h 24 min');
    expect(text).toContain('61/240');
    expect(text).toContain('219° → 220°');
    await shootAll(page, 'station-printing');

    // An error with its code text reaches the card.
    await publish({
      state: 'error',
      progress: 37,
      jobName: 'bracket_M8_x12.3mf',
      nozzleTemp: 180,
      nozzleTarget: 220,
      bedTemp: 58,
      bedTarget: 60,
      errors: [
        { code: 'HMS_0300_0100_0001_0001', text: 'Heatbed temperature is abnormal', severity: 'fatal' },
      ],
    });
    await page.waitForSelector(`[data-testid="live-printer"][data-code="${CODE}"][data-state="error"]`);
    await expect
      .poll(() => card(page).getByTestId('live-printer-errors').innerText())
      .toContain('Heatbed temperature is abnormal');
    await shootAll(page, 'station-error');

    // The printers list: every printer has a live badge; ours shows its state.
    await shell.openSection('Printers');
    const row = page.locator(`[data-testid="printer-row"][data-code="${CODE}"]`);
    await row.waitFor();
    await expect.poll(() => row.getByTestId('printer-live-badge').getAttribute('data-state')).toBe('error');
    await expect
      .poll(() => page.locator('[data-testid="printer-live-badge"][data-freshness="live"]').count())
      .toBeGreaterThan(1);
    await shootAll(page, 'list');

    // The status stream ends (the server goes away): nothing may still call itself live. (Chromium's
    // offline emulation does not cut an open loopback stream, so the server is stopped instead.)
    await shell.openSection('Station');
    await card(page).waitFor();
    await server!.stop();
    await page.waitForSelector(`[data-testid="live-printer"][data-code="${CODE}"][data-freshness="stale"]`, {
      timeout: 30_000,
    });
    expect(await card(page).getByTestId('live-printer-notlive').innerText()).toContain(
      'Not live — status stream disconnected',
    );
    await shootAll(page, 'station-not-live');

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
