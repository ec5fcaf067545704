import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { SpoolMovement } from '@printfloor/shared';
import { AppShell } from '../page-models/app-shell.ts';
import { SpoolsPage } from '../page-models/spools-page.ts';
import { pullAll, waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { openHome, signIn, waitForHomeData } from './support/app.ts';
import { anyBadge } from './support/demo-data.ts';
import { killBrowser, launchPersistent, waitForController } from './support/browser.ts';
import { disposeServer, newServerEnv, startServer } from '../support/server.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';

const hasChromium = chromiumAvailable();
const EDITS = 500;
const SPOOL = 'SP-0002';

async function movementsOf(url: string, token: string, spoolId: string): Promise<SpoolMovement[]> {
  return ((await pullAll(url, token, 'spool_movements')) as unknown as SpoolMovement[]).filter(
    (m) => m.spoolId === spoolId,
  );
}

/**
 * Crash safety: 500 edits made offline, then the browser process is killed without warning
 * (SIGKILL: no unload handlers, no clean shutdown — a tablet losing power). Reopened on the same
 * profile, all 500 are still waiting; back online, each reaches the server exactly once.
 */
describe.skipIf(!hasChromium)('crash safety', () => {
  let site: ServerEnv | null = null;
  let server: TestServer | null = null;
  const profile = mkdtempSync(join(tmpdir(), 'printfloor-crash-profile-'));
  let context: BrowserContext | null = null;

  beforeAll(async () => {
    site = await newServerEnv();
    server = await startServer(site, { demo: true });
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await disposeServer(server, site);
    rmSync(profile, { recursive: true, force: true });
  });

  it(`keeps ${EDITS} offline edits through a SIGKILL of the browser and syncs each exactly once`, async () => {
    const { url, enrolUrl, demoToken: token } = server!;
    const spool = (await pullAll(url, token!, 'spools')).find((s) => s.code === SPOOL)!;
    const before = await movementsOf(url, token!, spool.id);

    context = await launchPersistent(profile, server!.spki);
    let page = context.pages()[0] ?? (await context.newPage());
    let shell = new AppShell(page);
    await openHome(page, enrolUrl!);
    await shell.waitForSync('synced', 0);
    await waitForController(page);

    await context.setOffline(true);
    await shell.waitForSync('offline');
    await signIn(page, await anyBadge(url, token!));
    await shell.openSection('Spools');
    const spools = new SpoolsPage(page);
    await spools.waitForRows();
    await spools.open(SPOOL);
    const form = page.getByTestId('consume-form');
    const grams = form.getByLabel('Filament used (g)');
    for (let i = 0; i < EDITS; i++) {
      await grams.fill('1');
      await form.getByRole('button', { name: 'Record use' }).click();
      // The form clears once the edit is stored on the tablet: then the next one.
      await page.waitForFunction((el) => (el as HTMLInputElement).value === '', await grams.elementHandle());
    }
    await shell.waitForSync('offline', EDITS, 60_000);

    // Power loss: the browser process dies at once.
    killBrowser(profile);
    await context.close().catch(() => undefined);
    context = null;

    // Reopened on the same profile, still without network: every edit is still waiting.
    context = await launchPersistent(profile, server!.spki);
    await context.setOffline(true);
    page = context.pages()[0] ?? (await context.newPage());
    shell = new AppShell(page);
    await page.goto(url);
    await waitForHomeData(page);
    await shell.waitForSync('offline', EDITS, 60_000);

    // Back online: all of them reach the server, once each, and nothing stays waiting.
    await context.setOffline(false);
    await shell.waitForSync('synced', 0, 120_000);
    const after = await waitFor('the edits on the server', async () => {
      const ms = await movementsOf(url, token!, spool.id);
      return ms.length >= before.length + EDITS ? ms : undefined;
    });
    const known = new Set(before.map((m) => m.id));
    const added = after.filter((m) => !known.has(m.id));
    expect(added).toHaveLength(EDITS);
    expect(new Set(added.map((m) => m.id)).size).toBe(EDITS);
    expect(added.every((m) => m.type === 'consume' && m.grams === 1)).toBe(true);
    // Nothing more arrives later (no late duplicate push).
    await new Promise((r) => setTimeout(r, 2000));
    expect(await movementsOf(url, token!, spool.id)).toHaveLength(before.length + EDITS);
  }, 300_000);
});
