import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { DocOf } from '@printfloor/shared';
import type { AppShell } from '../page-models/app-shell.ts';
import { pullAll } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import {
  closeEnrolledTablet,
  openEnrolledTablet,
  people,
  seed,
  serverCounts,
  shootOnFailure,
  shootSizes,
  spoolDoc,
  tombstone,
  type EnrolledTablet,
  type ScanApp,
} from './support/app.ts';

/**
 * Issue 4's deep links `/q/<kind>/<code>` (what a phone camera opens from a label) in the REAL
 * app: every kind opens its record — a badge signs its person in, a step opens its work order at
 * the step — unknown, deleted and malformed links say why and change nothing, and with the tablet
 * offline the service worker still serves the app and the links resolve on the tablet's own data.
 */

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn('e2e/scan app deep-link tests SKIPPED: no Chromium');

const SPOOL = spoolDoc({ code: 'SP-LINK-01', colorName: 'Lagoon', colorHex: '#0A2CA5' });
const GONE = spoolDoc({ code: 'SP-LINK-GONE' });

describe.skipIf(!hasChromium)('QR deep links in the real app', () => {
  let tablet: EnrolledTablet | undefined;
  let app: ScanApp;
  let context: BrowserContext;
  let page: Page;
  let shell: AppShell;
  let errors: string[];
  let staff: DocOf<'people'>[];
  let wo: DocOf<'work_orders'>;
  let op: DocOf<'operations'>;
  let part: DocOf<'parts'>;
  let printer: DocOf<'printers'>;
  const inactive = {
    id: crypto.randomUUID(),
    updatedAt: new Date().toISOString(),
    updatedBy: 'e2e-scan',
    serverUpdatedAt: null,
    displayName: 'Former Operator',
    badgeCode: 'EMP-GONE-1',
    role: 'operator',
    active: false,
  } satisfies DocOf<'people'>;

  const link = (kind: string, code: string) => `${app.url}/q/${kind}/${encodeURIComponent(code)}`;
  const path = () => new URL(page.url()).pathname;

  beforeAll(async () => {
    tablet = await openEnrolledTablet(async (app) => {
      await seed(app, 'spools', [SPOOL, GONE]);
      await seed(app, 'people', [inactive]);
      await tombstone(app, 'spools', GONE.id);
      staff = (await people(app)).filter((p) => p.active);
      const ops = (await pullAll(app.url, app.token, 'operations')) as unknown as DocOf<'operations'>[];
      const wos = (await pullAll(app.url, app.token, 'work_orders')) as unknown as DocOf<'work_orders'>[];
      // A late step of some work order: the page must scroll to it.
      op = [...ops].sort((a, b) => b.sequence - a.sequence)[0]!;
      wo = wos.find((w) => w.id === op.workOrderId)!;
      part = ((await pullAll(app.url, app.token, 'parts')) as unknown as DocOf<'parts'>[])[0]!;
      printer = ((await pullAll(app.url, app.token, 'printers')) as unknown as DocOf<'printers'>[])[0]!;
    });
    ({ app, context, page, shell, errors } = tablet);
  });

  beforeEach((ctx) => shootOnFailure(page, ctx.onTestFailed));

  afterAll(() => closeEnrolledTablet(tablet));

  it('opens spools, parts, printers and work orders (kind and case as a phone may send them)', async () => {
    await page.goto(link('spool', SPOOL.code));
    await page.waitForURL((u) => u.pathname === `/spools/${SPOOL.id}`);
    await page.getByTestId('spool').waitFor();
    await page.goto(link('PART', part.code));
    await page.waitForURL((u) => u.pathname === `/parts/${part.id}`);
    await page.goto(link('printer', printer.code.toLowerCase()));
    await page.waitForURL((u) => u.pathname === `/printers/${printer.id}`);
    await page.getByTestId('printer').waitFor();
    await page.goto(link('wo', wo.code));
    await page.waitForURL((u) => u.pathname === `/work-orders/${wo.id}`);
  });

  it('a step link opens its work order scrolled to that step', async () => {
    await page.goto(link('op', op.id));
    await page.waitForURL((u) => u.pathname === `/work-orders/${wo.id}` && u.hash === `#op-${op.id}`);
    const card = page.locator(`[id="op-${op.id}"][data-revealed="true"]`);
    await card.waitFor();
    expect(await card.isVisible()).toBe(true);
    const box = await card.boundingBox();
    expect(box && box.y < 800).toBe(true);
  });

  it('a badge link signs that person in; a switched-off badge says what to do', async () => {
    const lead = staff.find((p) => p.role !== 'operator')!;
    await page.goto(link('person', lead.badgeCode));
    await page.waitForURL((u) => u.pathname === '/');
    await shell.operatorChip.filter({ hasText: lead.displayName }).waitFor();
    await page.goto(link('person', inactive.badgeCode));
    const msg = page.getByTestId('qr-message');
    await msg.waitFor();
    expect(await msg.locator('h1').textContent()).toBe('Badge switched off');
    expect(await msg.textContent()).toContain('Ask your lead');
    // Still the lead, not the former operator.
    expect(await shell.operatorChip.textContent()).toContain(lead.displayName);
  });

  it('unknown, deleted and malformed links explain and change nothing', async () => {
    await shell.waitForSync('synced', 0, 30_000);
    const before = await serverCounts(app);
    const cases: [url: string, title: string, text: RegExp][] = [
      [link('spool', GONE.code), 'Deleted', /Spool SP-LINK-GONE was deleted/],
      [link('rocket', 'SP-1'), 'Not a Printfloor label', /labels of kind “rocket”/],
      [link('spool', 'X'.repeat(90)), 'Not a Printfloor label', /empty, too long/],
      [link('op', 'no-such-step'), 'Not on this tablet', /No work-order step no-such-step/],
    ];
    for (const [url, title, text] of cases) {
      await page.goto(url);
      const msg = page.getByTestId('qr-message');
      await msg.waitFor();
      expect(await msg.locator('h1').textContent()).toBe(title);
      expect(await msg.textContent()).toMatch(text);
    }
    await shootSizes(page, 'deeplink-message');
    // An unused label offers to bind it, and Cancel leaves it at that.
    await page.goto(link('part', 'PT-UNUSED-77'));
    await page.getByTestId('scan-offer').waitFor();
    await page.getByTestId('offer-cancel').click();
    await page.getByTestId('qr-message').waitFor();
    expect(await shell.pending()).toBe(0);
    expect(await serverCounts(app)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('works offline: the service worker serves the app and the links resolve on the tablet', async () => {
    await page.goto(app.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await context.setOffline(true);
    const operator = staff.find((p) => p.role === 'operator')!;
    await page.goto(link('person', operator.badgeCode));
    await page.waitForURL((u) => u.pathname === '/');
    await shell.operatorChip.filter({ hasText: operator.displayName }).waitFor();
    await shell.waitForSync('offline');
    await page.goto(link('spool', SPOOL.code));
    await page.getByTestId('spool').waitFor();
    expect(path()).toBe(`/spools/${SPOOL.id}`);
    await page.goto(link('op', op.id));
    await page.locator(`[id="op-${op.id}"][data-revealed="true"]`).waitFor();
    await page.goto(link('spool', GONE.code));
    await page.getByTestId('qr-message').filter({ hasText: 'was deleted' }).waitFor();
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });
});
