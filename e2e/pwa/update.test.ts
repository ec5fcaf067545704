import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SpoolMovement } from '@printfloor/shared';
import { AppShell } from '../page-models/app-shell.ts';
import { SpoolsPage } from '../page-models/spools-page.ts';
import { pullAll, waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { openHome, signIn, waitForHomeData } from './support/app.ts';
import { waitForController } from './support/browser.ts';
import { buildClient, entryInPage, entryOf, removeBuild, waitForBuild } from './support/builds.ts';
import { anyBadge } from './support/demo-data.ts';
import { DemoSite } from './support/demo-site.ts';

const hasChromium = chromiumAvailable();
/** v2 runs this collection one local schema version higher, migrated by a strategy (migrations.ts). */
const MIGRATED = 'work_orders';
const EDITS = 3;

/** The IndexedDB databases RxDB's Dexie storage keeps for one collection (one per schema version). */
const idbVersionsOf = (page: Page, collection: string) =>
  page.evaluate(async (c) => {
    const dbs = await indexedDB.databases();
    return dbs
      .map((d) => d.name ?? '')
      .filter((n) => n.endsWith(`--${c}`))
      .map((n) => Number(/--(\d+)--/.exec(n)?.[1]))
      .sort();
  }, collection);

/**
 * An update with a changed local schema: v1 is open with edits the server has not received, v2
 * (work_orders at schema version 1, with a migration step) is deployed. A reload finds it, "Update
 * ready" is offered, a tap applies it, RxDB migrates the local data, and nothing is lost.
 */
describe.skipIf(!hasChromium)('an update with a local schema migration', () => {
  let v1: string | null = null;
  let v2: string | null = null;
  let site: DemoSite | null = null;
  let context: BrowserContext | null = null;

  beforeAll(async () => {
    v1 = buildClient({ buildId: 'v1' });
    v2 = buildClient({ buildId: 'v2', migrationDrill: MIGRATED });
    site = await DemoSite.open({ clientDist: v1 });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await site?.dispose();
    removeBuild(v1);
    removeBuild(v2);
  });

  it('offers the update, applies it on a tap, migrates the local data and keeps the unsynced edits', async () => {
    const { url, enrolUrl, demoToken: token } = site!.server;
    const spool = (await pullAll(url, token!, 'spools')).find((s) => s.code === 'SP-0003')!;
    context = await site!.newTablet();
    const page = await context.newPage();
    const shell = new AppShell(page);

    // v1, enrolled and synced.
    await openHome(page, enrolUrl!);
    await shell.waitForSync('synced', 0);
    await waitForController(page);
    expect(await entryInPage(page)).toBe(entryOf(v1!));
    expect(await idbVersionsOf(page, MIGRATED)).toEqual([0]);

    // The sync server stops answering (the static files still come): edits made now wait.
    await context.setOffline(true);
    await shell.waitForSync('offline');
    await context.route(/\/api\//, (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await signIn(page, await anyBadge(url, token!));
    await shell.openSection('Spools');
    const spools = new SpoolsPage(page);
    await spools.waitForRows();
    await spools.open('SP-0003');
    const form = page.getByTestId('consume-form');
    for (let i = 0; i < EDITS; i++) {
      await form.getByLabel('Filament used (g)').fill('2');
      await form.getByRole('button', { name: 'Record use' }).click();
      await page.waitForFunction(
        (el) => (el as HTMLInputElement).value === '',
        await form.getByLabel('Filament used (g)').elementHandle(),
      );
    }
    await shell.waitForSync('offline', EDITS);

    const workOrdersBefore = await pullAll(url, token!, MIGRATED);

    // v2 is deployed; the next start of the app finds it and offers it without applying it.
    const server = await site!.restart({ clientDist: v2! });
    await page.reload();
    await waitForHomeData(page);
    const prompt = page.getByTestId('update-prompt');
    await prompt.and(page.locator('[data-phase="ready"]')).waitFor({ timeout: 60_000 });
    expect(await entryInPage(page)).toBe(entryOf(v1!));
    await shell.waitForSync('offline', EDITS);

    // The operator taps it: the page reloads onto v2, which migrates work_orders to version 1.
    await prompt.getByRole('button', { name: /Update ready/ }).click();
    await waitForBuild(page, v2!);
    await waitForHomeData(page, 60_000);
    // The documents now live in the version-1 storage (RxDB empties the old one after copying).
    expect(await idbVersionsOf(page, MIGRATED)).toContain(1);
    await shell.waitForSync('offline', EDITS);
    await expect(page.getByTestId('update-prompt').count()).resolves.toBe(0);

    // The sync server answers again: the edits made under v1 reach it, once each.
    await context.unroute(/\/api\//);
    await shell.waitForSync('synced', 0, 60_000);
    const mine = await waitFor('the v1 edits on the server', async () => {
      const ms = (
        (await pullAll(server.url, token!, 'spool_movements')) as unknown as SpoolMovement[]
      ).filter((m) => m.spoolId === spool.id && m.type === 'consume' && m.grams === 2);
      return ms.length >= EDITS ? ms : undefined;
    });
    expect(mine).toHaveLength(EDITS);
    // The migrated collection was not pushed back wholesale: the server's work orders are untouched.
    const byId = (docs: { id: string }[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await pullAll(server.url, token!, MIGRATED))).toEqual(byId(workOrdersBefore));
  }, 300_000);
});
