import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { AppShell } from '../page-models/app-shell.ts';
import { SpoolsPage } from '../page-models/spools-page.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { openHome, signIn } from './support/app.ts';
import { launchPersistent, waitForController } from './support/browser.ts';
import { anyBadge } from './support/demo-data.ts';
import { disposeServer, newServerEnv, startServer } from '../support/server.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';

const hasChromium = chromiumAvailable();

/** Records filament use on the open spool; resolves once the form has cleared (stored) or refused. */
async function recordUse(page: Page, grams: number): Promise<void> {
  const form = page.getByTestId('consume-form');
  const input = form.getByLabel('Filament used (g)');
  await input.fill(String(grams));
  await form.getByRole('button', { name: 'Record use' }).click();
  await page.waitForFunction(
    (el) =>
      (el as HTMLInputElement).value === '' ||
      document.querySelector('[data-testid="storage-full"]') !== null,
    await input.elementHandle(),
  );
}

/**
 * Durable storage on screen: whether the data is kept, the space used, the edits waiting (listed on
 * request); and a full disk (Chromium's quota for the origin cut to what is already used) gives a
 * clear message, the refused edit is not counted as saved, and the earlier edits stay waiting.
 */
describe.skipIf(!hasChromium)('durable storage', () => {
  let site: ServerEnv | null = null;
  let server: TestServer | null = null;
  const profile = mkdtempSync(join(tmpdir(), 'printfloor-storage-profile-'));
  let context: BrowserContext | null = null;

  beforeAll(async () => {
    site = await newServerEnv();
    server = await startServer(site, { demo: true });
    context = await launchPersistent(profile, server.spki);
  });

  afterAll(async () => {
    await context?.close();
    await disposeServer(server, site);
    rmSync(profile, { recursive: true, force: true });
  });

  it('shows persistence, space used and the waiting edits, and says so clearly when storage is full', async () => {
    const { url, enrolUrl, demoToken: token } = server!;
    const page = await context!.newPage();
    const shell = new AppShell(page);
    await openHome(page, enrolUrl!);
    await shell.waitForSync('synced', 0);
    await waitForController(page);

    await context!.setOffline(true);
    await shell.waitForSync('offline');
    await signIn(page, await anyBadge(url, token!));
    await shell.openSection('Spools');
    const spools = new SpoolsPage(page);
    await spools.waitForRows();
    await spools.open('SP-0004');
    await recordUse(page, 3);
    await recordUse(page, 4);
    await shell.waitForSync('offline', 2);

    // The storage panel (sync screen): what the browser says, shown as it says it.
    await shell.syncIndicator.click();
    const panel = page.getByTestId('storage-panel');
    await panel.waitFor();
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    await expect(panel.getByTestId('persist-state').getAttribute('data-state')).resolves.toBe(
      persisted ? 'persistent' : 'best-effort',
    );
    await expect(panel.getByTestId('storage-usage').textContent()).resolves.toMatch(
      /\d+(\.\d)? [KMG]?B of \d+(\.\d)? [KMGT]B/,
    );
    await expect(panel.getByTestId('pending-total').textContent()).resolves.toBe('2');
    await panel.getByRole('button', { name: 'Show the list' }).click();
    await panel.getByTestId('pending-item').nth(1).waitFor();
    await expect(panel.getByTestId('pending-item').count()).resolves.toBe(2);
    await expect(panel.getByTestId('pending-list').textContent()).resolves.toContain('spool movements');

    // The disk fills up: the origin's quota drops below what it already uses, so no write fits.
    // (Chromium lets IndexedDB use space it already granted for up to ~30 s: keep working until then.)
    const cdp = await context!.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin, quotaSize: 1000 });
    await page.goBack();
    await page.getByTestId('consume-form').waitFor();
    const alert = page.getByTestId('storage-full');
    for (let t0 = Date.now(); Date.now() - t0 < 90_000 && !(await alert.isVisible());) {
      await recordUse(page, 5);
      await page.waitForTimeout(1000);
    }
    const pendingWhenFull = await shell.pending();
    await alert.waitFor({ timeout: 1000 });
    await expect(alert.textContent()).resolves.toMatch(/storage is full: the last edit was NOT saved/i);

    // Space again: the alert goes on "OK", the earlier edits are still there and still waiting.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin });
    await alert.getByRole('button', { name: 'OK' }).click();
    // Nothing saved before was lost, and the refused edit did not vanish into the count either.
    expect(await shell.pending()).toBeGreaterThanOrEqual(2);
    expect(await shell.pending()).toBeLessThanOrEqual(pendingWhenFull);
    await context!.setOffline(false);
    await shell.waitForSync('synced', 0, 60_000);
  }, 240_000);
});
