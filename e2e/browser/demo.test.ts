import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { foldSpoolLedger, type SpoolMovement } from '@printfloor/shared';
import { formatGrams } from '../../client/src/format.ts';
import { AppShell } from '../page-models/app-shell.ts';
import { OperatorPage } from '../page-models/operator-page.ts';
import { SpoolPage } from '../page-models/spool-page.ts';
import { SpoolsPage } from '../page-models/spools-page.ts';
import { WorkOrderPage } from '../page-models/work-order-page.ts';
import { WorkOrdersPage } from '../page-models/work-orders-page.ts';
import { pullAll, waitFor } from '../support/api.ts';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { pickStartableStep } from '../pwa/support/demo-data.ts';

const hasChromium = chromiumAvailable();
if (!hasChromium) {
  console.warn(
    `\n*** SKIPPING the browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium) ***\n`,
  );
}

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;

async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}-${size?.width}x${size?.height}.png`) });
}

/** Screenshots at both tablet orientations, returning to landscape. */
async function shootBoth(page: Page, name: string): Promise<void> {
  await shoot(page, name);
  await page.setViewportSize({ width: 800, height: 1280 });
  await shoot(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!hasChromium)('the demo farm in Chromium', () => {
  beforeAll(async () => {
    ({ env, server, browser } = await openDemoShop());
  });

  afterAll(() => closeDemoShop({ env, server, browser }));

  it('enrols, shows work orders and spools, takes edits offline and syncs them back', async () => {
    const { url, enrolUrl, demoToken } = server!;
    expect(enrolUrl, server!.output()).toBeTruthy();
    const token = demoToken!;
    const me = (await (
      await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      device: { id: string };
    };
    const { wo, op } = await pickStartableStep(url, token);
    const spool = (await pullAll(url, token, 'spools')).find((s) => s.code === 'SP-0002')!;
    const before = foldSpoolLedger(
      (await pullAll(url, token, 'spool_movements')).filter(
        (m) => m.spoolId === spool.id,
      ) as unknown as SpoolMovement[],
      spool.netWeightG as number,
    ).remainingG;

    const context: BrowserContext = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // Requests failing while the context is offline are expected; anything else is worth seeing.
      if (m.type() === 'error' && !m.text().includes('ERR_INTERNET_DISCONNECTED'))
        console.log('browser console:', m.text());
    });

    const shell = new AppShell(page);
    const list = new WorkOrdersPage(page);

    try {
      // Enrol from the link, see the demo farm.
      await page.goto(enrolUrl!);
      // A new tablet opens on its (not yet bound) station screen.
      await page.getByTestId('no-station').waitFor();
      await shell.openSection('Work orders');
      await list.waitForRows();
      await shell.waitForSync('synced', 0);
      expect(await list.rows.count()).toBeGreaterThan(3);
      await shootBoth(page, 'work-orders');
      await shell.openSection('Spools');
      const spools = new SpoolsPage(page);
      await spools.waitForRows();
      await shootBoth(page, 'spools');

      // The Wi-Fi drops. Work goes on, without a reload.
      await context.setOffline(true);
      await shell.waitForSync('offline');
      // Events carry the operator: someone signs in (badge, typed as a wedge scanner would).
      await new OperatorPage(page).signInByBadge('EMP-1001');
      await shell.openSection('Work orders');
      await list.open(wo.code);
      const detail = new WorkOrderPage(page);
      await detail.start(op.code);
      await detail.waitForEvent(op.code, 'start');
      expect(await detail.status(op.code)).toBe('Running');
      await shootBoth(page, 'work-order-offline');

      await shell.openSection('Spools');
      await spools.open('SP-0002');
      const spoolPage = new SpoolPage(page);
      await spoolPage.consume(25);
      await spoolPage.waitForRemaining(formatGrams(before - 25));
      // start event + the work order following its step (released → in progress) + the consumption
      await shell.waitForSync('offline', 3);
      await shootBoth(page, 'spool-offline');

      // Back online: the server gets every edit, the indicator comes back to synced with nothing waiting.
      await context.setOffline(false);
      await shell.waitForSync('synced', 0);
      await shoot(page, 'spool-synced');

      const started = await waitFor('the start event on the server', async () =>
        (await pullAll(url, token, 'step_events')).find((e) => e.operationId === op.id && e.type === 'start'),
      );
      expect(started).toMatchObject({ workOrderId: wo.id, deviceId: me.device.id });
      const serverWo = (await pullAll(url, token, 'work_orders')).find((w) => w.id === wo.id);
      expect(serverWo?.status).toBe('in_progress');
      const moves = (await pullAll(url, token, 'spool_movements')).filter(
        (m) => m.spoolId === spool.id,
      ) as unknown as SpoolMovement[];
      expect(
        moves.filter((m) => m.type === 'consume' && m.grams === 25 && m.deviceId === me.device.id),
      ).toHaveLength(1);
      expect(foldSpoolLedger(moves, spool.netWeightG as number).remainingG).toBeCloseTo(before - 25, 6);
    } catch (err) {
      await shoot(page, 'failure');
      throw err;
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
