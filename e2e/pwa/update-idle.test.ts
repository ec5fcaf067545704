import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../page-models/app-shell.ts';
import { WorkOrdersPage } from '../page-models/work-orders-page.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { openHome, waitForHomeData } from './support/app.ts';
import { waitForController } from './support/browser.ts';
import { buildClient, entryInPage, entryOf, removeBuild, waitForBuild } from './support/builds.ts';
import { DemoSite } from './support/demo-site.ts';

const hasChromium = chromiumAvailable();
/** v1 applies a waiting update after this long untouched (the production default is 2 minutes). */
const IDLE_MS = 3000;

/**
 * "Applied when the tablet is idle — never in the middle of an action": with an update waiting,
 * an operator typing into a field keeps the old version for as long as the field has the focus;
 * once nobody touches the tablet for the idle time, the update applies itself.
 */
describe.skipIf(!hasChromium)('an update applied when the tablet is idle', () => {
  let v1: string | null = null;
  let v2: string | null = null;
  let site: DemoSite | null = null;

  beforeAll(async () => {
    v1 = buildClient({ buildId: 'idle-v1', updateIdleMs: IDLE_MS });
    v2 = buildClient({ buildId: 'idle-v2', updateIdleMs: IDLE_MS });
    site = await DemoSite.open({ clientDist: v1 });
  }, 300_000);

  afterAll(async () => {
    await site?.dispose();
    removeBuild(v1);
    removeBuild(v2);
  });

  it('waits while a field is being typed into, then applies itself once the tablet is left alone', async () => {
    const context = await site!.newTablet();
    const page = await context.newPage();
    try {
      await openHome(page, site!.server.enrolUrl!);
      await new AppShell(page).waitForSync('synced', 0);
      await waitForController(page);

      await site!.restart({ clientDist: v2! });
      await page.reload();
      await waitForHomeData(page);

      // Mid-action: the operator is typing a search. The update waits, the text stays.
      const list = new WorkOrdersPage(page);
      await list.search.click();
      await list.search.pressSequentially('WO-2026');
      const prompt = page.getByTestId('update-prompt');
      await prompt.and(page.locator('[data-phase="ready"]')).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(IDLE_MS * 3);
      expect(await entryInPage(page)).toBe(entryOf(v1!));
      await expect(list.search.inputValue()).resolves.toBe('WO-2026');

      // The operator leaves the field and the tablet alone: the update applies itself.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await waitForBuild(page, v2!);
      await waitForHomeData(page, 60_000);
    } finally {
      await context.close();
    }
  }, 300_000);
});
