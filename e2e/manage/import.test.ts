import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Spool } from '@printfloor/shared';
import { AppShell } from '../page-models/app-shell.ts';
import { SpoolsPage } from '../page-models/spools-page.ts';
import { scanWithWedge } from '../scan/support/wedge-scanner.ts';
import { pullAll } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import { createFirstManager, openManagerSession } from '../support/manager-session.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { ImportPage } from './import-page.ts';

/**
 * Issue 6, CSV and Spoolman import through the real manager page in Chromium: a file with bad rows
 * shows each bad row and writes nothing; a good file is imported and its spools arrive on a tablet
 * (the real tablet app, by sync); a Spoolman export's label, scanned on the tablet with a
 * keyboard-wedge scanner, opens the imported spool.
 */
const hasChromium = chromiumAvailable();
/** Codes unique to this run: a database shared with earlier runs (Postgres) may hold the last run's. */
const RUN = Math.random().toString(36).slice(2, 6).toUpperCase();
const ADMIN = { email: 'admin@import.example', password: 'import admin password' };

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;

async function shoot(page: Page, name: string): Promise<void> {
  const s = page.viewportSize()!;
  await page.screenshot({
    path: join(ARTIFACTS_DIR, `manage-${name}-${s.width}x${s.height}.png`),
    fullPage: false,
  });
}

const BAD = [
  'Code,Material,Colour name,Colour hex,Net weight g,Tare weight g',
  `SP-IMP${RUN}-1,PLA,Signal Red,#D0201A,1000,190`,
  ',PLA,No code,#000000,1000,190',
  `SP-IMP${RUN}-3,PETG,Teal,teal,a lot,190`,
  `SP-IMP${RUN}-1,PLA,Duplicate,#FFFFFF,1000,190`,
].join('\r\n');

const GOOD = [
  'Code,Material,Colour name,Colour hex,Brand,Net weight g,Tare weight g,Location',
  `SP-IMP${RUN}-1,PLA,Signal Red,#D0201A,Prusament,1000,190,Rack E`,
  `SP-IMP${RUN}-2,PETG,Deep Teal,#00575B,Extrudr,750,230,Rack E`,
  `SP-IMP${RUN}-3,ASA,Bone White,#EDE6D6,Polymaker,1000,140,Rack F`,
].join('\r\n');

/** A Spoolman spools export as its `fmt=csv` export writes it (flattened, columns sorted). */
const SPOOLMAN = [
  'archived,comment,filament.color_hex,filament.diameter,filament.id,filament.material,filament.name,filament.spool_weight,filament.vendor.id,filament.vendor.name,filament.vendor_id,filament.weight,filament_id,first_used,id,initial_weight,last_used,location,lot_nr,price,registered,spool_weight,used_weight',
  'False,,1A1A1A,1.75,1,PLA,Galaxy Black,193.0,1,Prusament,1,1000.0,1,2024-02-01 10:00:00,3,1000.0,2024-05-01 18:30:00,Shelf 2,A-13,,2024-01-20 12:00:00,,241.5',
].join('\r\n');

describe.skipIf(!hasChromium)('CSV and Spoolman import on the manager page', () => {
  beforeAll(async () => {
    ({ env, server, browser } = await openDemoShop());
  });
  afterAll(() => closeDemoShop({ env, server, browser }));

  it('shows every bad row and writes nothing; a good file reaches the tablet; a Spoolman label opens its spool', async () => {
    const { url, enrolUrl, demoToken } = server!;
    expect(enrolUrl, server!.output()).toBeTruthy();
    const token = demoToken!;
    await createFirstManager(server!, ADMIN);
    const { ctx: managerCtx, page: manager, errors } = await openManagerSession(browser!, server!, ADMIN);

    const page = new ImportPage(manager);
    await page.open(url);
    await shoot(manager, 'import-empty');

    // A file with bad rows: each bad row listed, the import button disabled, nothing on the server.
    await page.upload('spools-bad.csv', BAD);
    await expect
      .poll(() => page.errorRows())
      .toEqual([
        ['3', 'Code', 'required'],
        ['4', 'Colour hex', '"teal" is not a colour like #FF8800'],
        ['4', 'Net weight g', '"a lot" is not a number'],
        ['5', 'Code', `SP-IMP${RUN}-1 is also on row 2`],
      ]);
    expect(await page.commitButton.isDisabled()).toBe(true);
    await shoot(manager, 'import-errors');
    const codes = async () =>
      ((await pullAll(url, token, 'spools')) as unknown as Spool[]).map((s) => s.code);
    expect((await codes()).filter((c) => c.startsWith(`SP-IMP${RUN}-`))).toEqual([]);

    // The good file: ready, imported in one go.
    await page.upload('spools-good.csv', GOOD);
    await expect.poll(() => page.counts.innerText()).toMatch(/3 rows.*ready/);
    expect(await page.errors.count()).toBe(0);
    await shoot(manager, 'import-preview');
    await page.commitButton.click();
    await page.done.waitFor();
    expect(await page.done.innerText()).toContain(
      'Imported 3 spools and 3 ledger entries from spools-good.csv',
    );
    await shoot(manager, 'import-done');
    expect((await codes()).filter((c) => c.startsWith(`SP-IMP${RUN}-`)).sort()).toEqual([
      `SP-IMP${RUN}-1`,
      `SP-IMP${RUN}-2`,
      `SP-IMP${RUN}-3`,
    ]);

    // Spoolman's export, then the export page.
    await page.choose('Spoolman export');
    await page.upload('spoolman-spools.csv', SPOOLMAN);
    await expect.poll(() => page.counts.innerText()).toMatch(/1 rows.*ready/);
    await page.commitButton.click();
    await page.done.waitFor();
    await manager.goto(`${url}/manage/export`);
    await manager.getByTestId('export-page').waitFor();
    await shoot(manager, 'export');
    const dl = await managerCtx.request.get(`${url}/api/manage/export/spools.csv`);
    expect(dl.status()).toBe(200);
    expect(await dl.text()).toContain(`SP-IMP${RUN}-2`);

    // A tablet: the imported spools arrive by sync, and a Spoolman label opens its spool.
    const tabletCtx = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const tablet = await tabletCtx.newPage();
    tablet.on('pageerror', (e) => errors.push(e.message));
    await tablet.goto(enrolUrl!);
    const shell = new AppShell(tablet);
    await shell.waitForSync('synced', 0);
    await shell.openSection('Spools');
    const spools = new SpoolsPage(tablet);
    try {
      await spools.search.fill(`SP-IMP${RUN}-`);
      await expect.poll(() => spools.rows.count(), { timeout: 60_000 }).toBe(3);
    } catch (err) {
      await shoot(tablet, 'import-tablet-failure');
      throw err;
    }
    await spools.search.fill('');
    await scanWithWedge(tablet, 'web+spoolman:s-3');
    await tablet.getByTestId('spool').waitFor({ timeout: 20_000 });
    await expect.poll(() => tablet.getByTestId('spool').innerText()).toContain('SP-SM3');
    expect(errors).toEqual([]);
    await managerCtx.close();
    await tabletCtx.close();
  });
});
