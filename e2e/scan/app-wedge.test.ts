import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocOf } from '@printfloor/shared';
import type { AppShell } from '../page-models/app-shell.ts';
import { pullAll, waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import {
  clearToasts,
  closeEnrolledTablet,
  openEnrolledTablet,
  people,
  seed,
  serverCounts,
  shootOnFailure,
  shootSizes,
  spoolDoc,
  tombstone,
  toasts,
  type EnrolledTablet,
  type ScanApp,
} from './support/app.ts';
import { scanWithWedge } from './support/wedge-scanner.ts';

/**
 * Issue 4 through the REAL app with a keyboard-wedge scanner (keys 5 ms apart, then Enter, stamped
 * like hardware keys: support/wedge-scanner.ts): a code scanned on any screen opens its record and
 * never lands in the focused field; a badge signs its person in; an unused label offers to bind it
 * to a new record (the form gets the code) or an existing one (a picker); a filament box's EAN
 * offers a spool pre-filled from the last one with that EAN. Bad input — random text, binary
 * noise, huge payloads, other sites' URLs, codes of deleted records — gets a message and writes
 * nothing, on the tablet or on the server.
 */

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn('e2e/scan app wedge tests SKIPPED: no Chromium');

const EAN = '4006381333931';
const OLD_EAN_SPOOL = spoolDoc({
  code: 'SP-EAN-OLD',
  ean: EAN,
  brand: 'Polymaker',
  material: 'PLA',
  colorName: 'Old Teal',
  colorHex: '#005050',
  netWeightG: 1000,
  tareWeightG: 250,
  receivedAt: '2025-03-01',
});
const LAST_EAN_SPOOL = spoolDoc({
  code: 'SP-EAN-LAST',
  ean: EAN,
  brand: 'Polymaker',
  material: 'PolyTerra PLA',
  colorName: 'Teal',
  colorHex: '#008080',
  diameterMm: 2.85,
  netWeightG: 750,
  tareWeightG: 180,
  receivedAt: '2026-02-01',
});
const TARGET = spoolDoc({ code: 'SP-WEDGE-01', colorName: 'Jet Black', colorHex: '#000000' });
const GONE = spoolDoc({ code: 'SP-GONE-01' });

const wedge = (page: Page, code: string) => scanWithWedge(page, code, { gapMs: 5 });

describe.skipIf(!hasChromium)('a keyboard-wedge scanner in the real app', () => {
  let tablet: EnrolledTablet | undefined;
  let app: ScanApp;
  let page: Page;
  let shell: AppShell;
  let errors: string[];
  let operator: DocOf<'people'>;

  beforeAll(async () => {
    tablet = await openEnrolledTablet(async (app) => {
      await seed(app, 'spools', [OLD_EAN_SPOOL, LAST_EAN_SPOOL, TARGET, GONE]);
      await tombstone(app, 'spools', GONE.id);
      const op = (await people(app)).find((p) => p.role === 'operator' && p.active);
      if (!op) throw new Error('the demo farm has no operator');
      operator = op;
    });
    ({ app, page, shell, errors } = tablet);
  });

  beforeEach((ctx) => shootOnFailure(page, ctx.onTestFailed));

  afterAll(() => closeEnrolledTablet(tablet));

  it('a badge scanned on any screen signs its person in', async () => {
    await shell.openSection('Printers');
    await wedge(page, operator.badgeCode);
    await shell.operatorChip.filter({ hasText: operator.displayName }).waitFor();
    expect(await toasts(page)).toContain(`${operator.displayName} signed in`);
  });

  it('a code scanned while a text field has the focus opens the record and types nothing into the field', async () => {
    await shell.openSection('Parts');
    const search = page.getByRole('searchbox', { name: 'Search parts' });
    await search.click();
    await search.evaluate((el) => {
      const w = window as unknown as { __typed: string[] };
      w.__typed = [];
      el.addEventListener('input', () => w.__typed.push((el as HTMLInputElement).value));
    });
    await wedge(page, TARGET.code.toLowerCase()); // caps lock off on the scanner: still found
    await page.getByTestId('spool').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/spools/${TARGET.id}`);
    // The wedge cannot tell a scanner from a typist before the 4th fast key: those first keys may
    // reach the field, and are taken back the moment the burst is recognised.
    const typed = await page.evaluate(() => (window as unknown as { __typed: string[] }).__typed);
    expect(typed.length === 0 || typed.at(-1) === '').toBe(true);
    expect(typed.every((v) => TARGET.code.toLowerCase().startsWith(v) && v.length < 4)).toBe(true);
    // Back on the list, the search box is as empty as it was.
    await page.goBack();
    await page.getByRole('searchbox', { name: 'Search parts' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search parts' }).inputValue()).toBe('');
  });

  it('an unused spool label offers a new spool; the receive form carries the code; the server gets it', async () => {
    const code = 'SP-LABEL-0042';
    await shell.openSection('Work orders');
    await wedge(page, code);
    const offer = page.getByTestId('scan-offer');
    await offer.waitFor();
    expect(await offer.getByTestId('scan-offer-code').textContent()).toBe(code);
    await shootSizes(page, 'offer-bind-spool');
    await offer.getByTestId('offer-new').click();
    const form = page.getByTestId('receive-form');
    await form.waitFor();
    expect(await form.getByLabel('Code (from the label)').inputValue()).toBe(code);
    await form.getByLabel('Brand').fill('Extrudr');
    await form.getByLabel('Colour name').fill('Label Blue');
    await form.getByRole('button', { name: `Receive ${code}` }).click();
    await page.getByTestId('spool').waitFor();
    await shell.waitForSync('synced', 0, 30_000);
    const onServer = await waitFor('the new spool on the server', async () =>
      (await pullAll(app.url, app.token, 'spools')).find((s) => s.code === code),
    );
    expect(onServer).toMatchObject({ brand: 'Extrudr', colorName: 'Label Blue', status: 'active' });
  });

  it('an unused part label offers a new part; the part form carries the code; the server gets it', async () => {
    const code = 'PT-LABEL-0100';
    await shell.openSection('Printers');
    await wedge(page, code);
    const offer = page.getByTestId('scan-offer');
    await offer.waitFor();
    await offer.getByTestId('offer-new').click();
    await page.getByTestId('bind-new-note').waitFor();
    expect(await page.getByLabel('Code', { exact: true }).inputValue()).toBe(code);
    await page.getByLabel('Description', { exact: true }).fill('Label-first bracket');
    await page.getByRole('button', { name: 'Create part' }).click();
    await page.waitForURL((u) => /^\/parts\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    await shell.waitForSync('synced', 0, 30_000);
    const onServer = await waitFor('the new part on the server', async () =>
      (await pullAll(app.url, app.token, 'parts')).find((p) => p.code === code),
    );
    expect(onServer).toMatchObject({ description: 'Label-first bracket' });
  });

  it('an unused part label goes on an existing part through the picker', async () => {
    const code = 'PT-LABEL-0007';
    const parts = (await pullAll(app.url, app.token, 'parts')) as unknown as DocOf<'parts'>[];
    const part = [...parts].sort((a, b) => a.code.localeCompare(b.code))[0]!;
    await shell.openSection('Spools');
    await wedge(page, code);
    const offer = page.getByTestId('scan-offer');
    await offer.waitFor();
    await offer.getByTestId('offer-existing').click();
    await page.getByTestId('bind-screen').waitFor();
    await page.getByRole('searchbox', { name: 'Search parts' }).fill(part.code);
    await page.locator(`[data-testid="bind-row"][data-code="${part.code}"]`).click();
    await page.getByTestId('bind-confirm').waitFor();
    await shootSizes(page, 'bind-existing-confirm');
    await page.getByTestId('bind-confirm-yes').click();
    await page.waitForURL((u) => u.pathname === `/parts/${part.id}`);
    await shell.waitForSync('synced', 0, 30_000);
    const onServer = await waitFor('the relabelled part on the server', async () => {
      const p = (await pullAll(app.url, app.token, 'parts')).find((x) => x.id === part.id);
      return p?.code === code ? p : undefined;
    });
    expect(onServer).toMatchObject({ description: part.description });
    // The label now opens that part from anywhere.
    await shell.openSection('Work orders');
    await wedge(page, code);
    await page.waitForURL((u) => u.pathname === `/parts/${part.id}`);
  });

  it("a filament box's EAN offers a spool pre-filled from the last spool with that EAN", async () => {
    const before = (await pullAll(app.url, app.token, 'spools')).length;
    await shell.openSection('Station');
    await wedge(page, EAN);
    const offer = page.getByTestId('scan-offer');
    await offer.waitFor();
    expect(await offer.getAttribute('data-offer')).toBe('create-spool');
    expect(await offer.getByTestId('scan-offer-prefill').textContent()).toContain(
      'Polymaker PolyTerra PLA Teal',
    );
    await shootSizes(page, 'offer-ean');
    await offer.getByTestId('offer-create-spool').click();
    const form = page.getByTestId('receive-form');
    await page.locator('[data-testid="ean-prefill"][data-state="found"]').waitFor();
    const value = (label: string) => form.getByLabel(label, { exact: true }).inputValue();
    expect(await value('Material')).toBe('PolyTerra PLA');
    expect(await value('Brand')).toBe('Polymaker');
    expect(await value('Colour name')).toBe('Teal');
    expect((await value('Colour')).toUpperCase()).toBe('#008080');
    expect(await value('Net filament weight (g)')).toBe('750');
    expect(await value('Empty spool weight (g)')).toBe('180');
    expect(await value('Diameter (mm)')).toBe('2.85');
    expect(await value('EAN (box barcode)')).toBe(EAN);
    const code = await value('Code (from the label)');
    expect(code).toMatch(/^SP-[A-Z2-9]{6}$/);
    await shootSizes(page, 'receive-prefilled');
    await form.getByRole('button', { name: `Receive ${code}` }).click();
    await page.getByTestId('spool').waitFor();
    await shell.waitForSync('synced', 0, 30_000);
    const created = await waitFor('the box spool on the server', async () =>
      (await pullAll(app.url, app.token, 'spools')).find((s) => s.code === code),
    );
    expect(created).toMatchObject({
      ean: EAN,
      material: 'PolyTerra PLA',
      brand: 'Polymaker',
      colorName: 'Teal',
      colorHex: '#008080',
      diameterMm: 2.85,
      netWeightG: 750,
      tareWeightG: 180,
    });
    expect((await pullAll(app.url, app.token, 'spools')).length).toBe(before + 1);
  });

  it('bad input anywhere gets a message and changes nothing', async () => {
    await shell.openSection('Station');
    await shell.waitForSync('synced', 0, 30_000);
    const before = await serverCounts(app);
    const path = new URL(page.url()).pathname;
    const noise = Array.from({ length: 48 }, (_, i) => String.fromCharCode(0xa1 + ((i * 37) % 94))).join('');
    const cases: [input: string, message: RegExp][] = [
      ['hello world', /"hello world" is not a Printfloor, Spoolman or EAN code/],
      ['Zq8#kLm!2xP_~', /"Zq8#kLm!2xP_~" is not a Printfloor, Spoolman or EAN code/],
      [noise, new RegExp(`"${noise.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)],
      // The wedge keeps a scan's first 2,048 characters at most; either way it is no code.
      ['X'.repeat(2100), /too long|"XXXXXXXXXX/],
      [`SP-${'9'.repeat(80)}`, /has characters a code cannot have/],
      ['https://evil.example/login?next=/spools', /a link to another site or page/],
      ['ftp://files.example/q/spool/SP-1', /"ftp:" links are not Printfloor codes/],
      ['https://shop.example/q/rocket/SP-1', /unknown label kind "rocket"/],
      ['4006381333932', /check digit does not match/],
      ['web+spoolman:s-424242', /No spool here has Spoolman id 424242/],
      [GONE.code, /Spool SP-GONE-01 was deleted\. Nothing was changed\./],
    ];
    for (const [input, message] of cases) {
      await clearToasts(page);
      await wedge(page, input);
      // The message of this scan is the latest toast (the previous one may still be on screen).
      await expect.poll(async () => (await toasts(page)).at(-1), { timeout: 10_000 }).toMatch(message);
      expect(await page.getByTestId('scan-offer').count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe(path);
    }
    // Binary noise with control characters, through the scanner's manual box (a wedge cannot type them).
    await page.getByRole('link', { name: 'Scan a label' }).click();
    const box = page.getByTestId('scan-manual-input');
    await box.waitFor();
    await clearToasts(page);
    await box.fill('\u0001\u0002SP-\u0000\u001b[31m\u00ff\u00fe');
    await box.press('Enter');
    await expect
      .poll(async () => (await toasts(page)).at(-1))
      .toMatch(/"\?\?SP-\?\?\[31m.* is not a Printfloor, Spoolman or EAN code/);
    await shootSizes(page, 'scanner-bad-input');
    expect(await shell.pending()).toBe(0);
    expect(await serverCounts(app)).toEqual(before);
    expect(errors).toEqual([]);
  });
});
