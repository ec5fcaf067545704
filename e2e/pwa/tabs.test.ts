import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AppShell } from '../page-models/app-shell.ts';
import { SpoolsPage } from '../page-models/spools-page.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { openHome, signIn, waitForHomeData } from './support/app.ts';
import { waitForController } from './support/browser.ts';
import { anyBadge } from './support/demo-data.ts';
import { DemoSite } from './support/demo-site.ts';

const hasChromium = chromiumAvailable();

/** Counts the replication requests (pull, push, the live stream) a tab makes. */
function countSyncRequests(page: Page): { readonly n: number } {
  const counter = { n: 0 };
  page.on('request', (req) => {
    if (/^\/api\/sync\/(stream|\w+\/(pull|push))$/.test(new URL(req.url()).pathname)) counter.n += 1;
  });
  return counter;
}

/**
 * Two tabs of the app on one tablet: one replicates (RxDB leader election), the other does not and
 * still shows the right state — online, offline, the edits waiting — and takes over when the first
 * one closes.
 */
describe.skipIf(!hasChromium)('one replication per device across tabs', () => {
  let site: DemoSite | null = null;

  beforeAll(async () => {
    site = await DemoSite.open();
  });

  afterAll(async () => {
    await site?.dispose();
  });

  it('replicates in one tab, shows the same sync state in both, and hands over when the leader closes', async () => {
    const { url, enrolUrl, demoToken: token } = site!.server;
    const context = await site!.newTablet();
    try {
      const first = await context.newPage();
      await openHome(first, enrolUrl!);
      const shell1 = new AppShell(first);
      await shell1.waitForSync('synced', 0);
      await waitForController(first);

      const second = await context.newPage();
      const secondSync = countSyncRequests(second);
      await second.goto(url);
      await waitForHomeData(second);
      const shell2 = new AppShell(second);
      // Not "Synced by another tab": the leader's own state.
      await shell2.waitForSync('synced', 0);
      await second.waitForTimeout(2000);
      expect(secondSync.n).toBe(0);

      // The Wi-Fi drops: both tabs say so; an edit made in the second tab is waiting in both.
      await context.setOffline(true);
      await shell1.waitForSync('offline');
      await shell2.waitForSync('offline');
      await signIn(second, await anyBadge(url, token!));
      await shell2.openSection('Spools');
      const spools = new SpoolsPage(second);
      await spools.waitForRows();
      await spools.open('SP-0005');
      const form = second.getByTestId('consume-form');
      await form.getByLabel('Filament used (g)').fill('7');
      await form.getByRole('button', { name: 'Record use' }).click();
      await shell2.waitForSync('offline', 1);
      await shell1.waitForSync('offline', 1);

      // Back online: the leader (first tab) pushes it; both tabs come back to synced, nothing waiting.
      await context.setOffline(false);
      await shell1.waitForSync('synced', 0, 60_000);
      await shell2.waitForSync('synced', 0, 60_000);
      expect(secondSync.n).toBe(0);

      // The leader tab closes: the second one takes over the replication.
      await first.close();
      await shell2.waitForSync('synced', 0, 60_000);
      for (let i = 0; i < 100 && secondSync.n === 0; i++) await second.waitForTimeout(200);
      expect(secondSync.n).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
