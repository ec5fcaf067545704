import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../page-models/app-shell.ts';
import { WorkOrderPage } from '../page-models/work-order-page.ts';
import { waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { openHome, signInIfAsked, waitForHomeData } from './support/app.ts';
import { waitForController } from './support/browser.ts';
import { anyBadge, pickStartableStep, serverEventsOf } from './support/demo-data.ts';
import { DemoSite } from './support/demo-site.ts';

const hasChromium = chromiumAvailable();

/**
 * A tablet that reboots in a dead Wi-Fi zone: the server is down AND the browser is offline, the
 * app is reloaded from nothing but its service worker and IndexedDB, work goes on, and the work
 * reaches the server once both are back.
 */
describe.skipIf(!hasChromium)('offline cold start', () => {
  let site: DemoSite | null = null;

  beforeAll(async () => {
    site = await DemoSite.open();
  });

  afterAll(async () => {
    await site?.dispose();
  });

  it('opens at the home screen with data, takes a step offline, and syncs it after the server returns', async () => {
    const { url, enrolUrl, demoToken: token } = site!.server;
    const { wo, op } = await pickStartableStep(url, token!);
    const badge = await anyBadge(url, token!);
    const context = await site!.newTablet();
    const page = await context.newPage();
    const shell = new AppShell(page);
    try {
      await openHome(page, enrolUrl!);
      await shell.waitForSync('synced', 0);
      await waitForController(page);

      // Power cut on the network side: server gone, Wi-Fi gone. Then the tablet restarts the app.
      await site!.server.stop();
      await context.setOffline(true);
      await page.goto(url, { waitUntil: 'load' });
      await waitForHomeData(page);
      await shell.waitForSync('offline');

      // A deep link from a QR label opens too, offline (the worker answers every navigation).
      await page.goto(`${url}/q/wo/${encodeURIComponent(wo.code)}`);
      const detail = new WorkOrderPage(page);
      await detail.step(op.code).waitFor({ timeout: 30_000 });
      await signInIfAsked(page, badge);
      await detail.act(op.code, '▶ Start');
      await detail.waitForEvent(op.code, 'start');
      await detail.act(op.code, '✓ Complete');
      // Completing asks for the good / scrapped counts; the proposed ones are fine.
      await page.getByTestId('step-panel').getByTestId('panel-save').click();
      await detail.waitForEvent(op.code, 'complete');
      expect(await shell.pending()).toBeGreaterThan(0);

      // Server back, Wi-Fi back: the step's events reach the server, nothing stays waiting.
      const server = await site!.start();
      await context.setOffline(false);
      await shell.waitForSync('synced', 0, 60_000);
      const events = await waitFor('the step events on the server', async () => {
        const evs = await serverEventsOf(server.url, token!, op.id);
        return evs.some((e) => e.type === 'complete') ? evs : undefined;
      });
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['start', 'complete']));
    } finally {
      await context.close();
    }
  });
});
