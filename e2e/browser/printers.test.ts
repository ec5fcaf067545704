import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import mqtt from 'mqtt';
import type { Printer } from '@printfloor/shared';
import { AppShell } from '../page-models/app-shell.ts';
import { StationPage } from '../page-models/station-page.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import {
  disposeServer,
  newServerEnv,
  startServer,
  type ServerEnv,
  type TestServer,
} from '../support/server.ts';

/**
 * Issue 5 on the tablet: the station screen's live printer card and the printers list's live
 * badges, fed by /api/printers/stream. A native printer with a unique code is driven on the site
 * Mosquitto (MQTT_URL); the demo's simulated printers fill the rest of the list. Not-live is
 * checked by ending the stream (the server stops): the card must stop calling itself live and say why.
 */
const MQTT_URL = process.env.E2E_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const hasChromium = chromiumAvailable();
const CODE = `PR-LIVE-${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
const TOPIC = `printfloor/v1/printers/${CODE}/status`;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
] as const;

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;
let broker: mqtt.MqttClient | null = null;
const prevMqtt = process.env.MQTT_URL;

async function pushPrinter(url: string, token: string): Promise<void> {
  const now = new Date().toISOString();
  const doc: Printer & { _deleted: boolean } = {
    id: `e2e-${CODE}`,
    code: CODE,
    name: 'Live card printer',
    brand: 'Printfloor',
    protocol: 'printfloor',
    model: 'native',
    serial: '',
    location: 'E2E bay',
    workCenterId: '',
    slots: 1,
    active: true,
    notes: '',
    updatedAt: now,
    updatedBy: '',
    serverUpdatedAt: null,
    _deleted: false,
  };
  const res = await fetch(`${url}/api/sync/printers/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

function publish(payload: object): Promise<void> {
  return new Promise((resolve, reject) =>
    broker!.publish(TOPIC, JSON.stringify(payload), { qos: 1, retain: true }, (err) =>
      err ? reject(err) : resolve(),
    ),
  );
}

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
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    broker = await mqtt.connectAsync(MQTT_URL, { reconnectPeriod: 0, connectTimeout: 5_000 });
    process.env.MQTT_URL = MQTT_URL;
    env = await newServerEnv();
    server = await startServer(env, { demo: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    if (prevMqtt === undefined) delete process.env.MQTT_URL;
    else process.env.MQTT_URL = prevMqtt;
    if (broker)
      await new Promise<void>((r) => broker!.publish(TOPIC, '', { retain: true, qos: 1 }, () => r()));
    await broker?.endAsync();
    await browser?.close();
    await disposeServer(server, env);
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
