import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AppShell } from '../page-models/app-shell.ts';
import { WorkOrdersPage } from '../page-models/work-orders-page.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { openHome, waitForHomeData } from './support/app.ts';
import { launchBrowser, waitForController } from './support/browser.ts';
import { buildClient, removeBuild } from './support/builds.ts';
import {
  disposeSite,
  newSite,
  startPwaServer,
  type PwaServer,
  type PwaServerSite,
} from './support/pwa-server.ts';

const hasChromium = chromiumAvailable();
/** v1 applies a waiting update after this long untouched (the production default is 2 minutes). */
const IDLE_MS = 3000;

const entryOf = (dist: string) =>
  /<script type="module"[^>]*src="([^"]+)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))![1]!;
const entryInPage = (page: Page) =>
  page.evaluate(
    () => new URL(document.querySelector<HTMLScriptElement>('script[type="module"]')!.src).pathname,
  );

/**
 * "Applied when the tablet is idle — never in the middle of an action": with an update waiting,
 * an operator typing into a field keeps the old version for as long as the field has the focus;
 * once nobody touches the tablet for the idle time, the update applies itself.
 */
describe.skipIf(!hasChromium)('an update applied when the tablet is idle', () => {
  let v1: string | null = null;
  let v2: string | null = null;
  let site: PwaServerSite | null = null;
  let server: PwaServer | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    v1 = buildClient({ buildId: 'idle-v1', updateIdleMs: IDLE_MS });
    v2 = buildClient({ buildId: 'idle-v2', updateIdleMs: IDLE_MS });
    site = await newSite();
    server = await startPwaServer(site, { demo: true, clientDist: v1 });
    browser = await launchBrowser(server.spki);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await disposeSite(site);
    removeBuild(v1);
    removeBuild(v2);
  });

  it('waits while a field is being typed into, then applies itself once the tablet is left alone', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await openHome(page, server!.enrolUrl!);
      await new AppShell(page).waitForSync('synced', 0);
      await waitForController(page);

      await server!.stop();
      server = await startPwaServer(site!, { demo: true, clientDist: v2! });
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
      await page.waitForFunction(
        (entry) => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src.endsWith(entry),
        entryOf(v2!),
        { timeout: 60_000 },
      );
      await waitForHomeData(page, 60_000);
    } finally {
      await context.close();
    }
  }, 300_000);
});
