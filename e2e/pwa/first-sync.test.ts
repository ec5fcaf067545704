import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.ts';
import { waitForHomeData } from './support/app.ts';
import { DemoSite } from './support/demo-site.ts';
import { scaleFarm, storedCount } from './support/scale.ts';

const hasChromium = chromiumAvailable();

/**
 * A new tablet's first sync (demo farm scaled to 8,000 documents): the progress per collection is
 * on screen while it runs, the app is usable meanwhile, and it goes away once everything is stored.
 */
describe.skipIf(!hasChromium)('first sync with progress', () => {
  let site: DemoSite | null = null;

  beforeAll(async () => {
    site = await DemoSite.open();
  });

  afterAll(async () => {
    await site?.dispose();
  });

  it('shows documents so far per collection, keeps the app usable, and ends when all are stored', async () => {
    const server = site!.server;
    const total = await scaleFarm(server, 8000);
    const context = await site!.newTablet();
    const page = await context.newPage();
    try {
      await page.goto(server.enrolUrl!);
      const banner = page.getByTestId('first-sync');
      await banner.waitFor({ timeout: 30_000 });
      const rows = banner.getByTestId('first-sync-row');
      expect(await rows.count()).toBe(11);
      await expect(banner.textContent()).resolves.toMatch(
        /First sync: [\d,]+ (of [\d,]+ documents|documents so far)/,
      );
      // Usable during the sync: the work orders are there as soon as they have arrived.
      await waitForHomeData(page, 60_000);
      await banner.waitFor({ state: 'detached', timeout: 120_000 });
      expect(await storedCount(page)).toBeGreaterThanOrEqual(total);
      // Remembered: a reload does not show it again.
      await page.reload();
      await page.getByTestId('sync-indicator').waitFor();
      await page.waitForTimeout(1000);
      expect(await banner.count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);
});
