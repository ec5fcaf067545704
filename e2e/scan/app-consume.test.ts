import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocOf, SpoolMovement } from '@printfloor/shared';
import { seedFloor, type FloorFixture } from '../browser/floor-seed.ts';
import { StationPage } from '../page-models/station-page.ts';
import type { AppShell } from '../page-models/app-shell.ts';
import { pullAll, waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import {
  clearToasts,
  closeEnrolledTablet,
  openEnrolledTablet,
  seed,
  shootOnFailure,
  shootSizes,
  spoolDoc,
  toasts,
  type EnrolledTablet,
  type ScanApp,
} from './support/app.ts';
import { scanWithWedge } from './support/wedge-scanner.ts';

/**
 * Issue 4's "on a running step, scan a spool to attribute consumption", through the REAL app with
 * a keyboard-wedge scanner: at a printer station, the operator scans a spool (it is loaded there),
 * scans the work order (its print step starts), then scans the spool again: the cursor lands in
 * that spool's "Used for OP10" field. The grams typed and "Record use" end up on the server as
 * exactly one consume movement for that spool, against the running step, stamped with the operator.
 */

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn('e2e/scan app consume tests SKIPPED: no Chromium');

const WO_CODE = 'WO-CONS-0001';
const SPOOL = spoolDoc({ code: 'SP-CONS-01', material: 'PLA', colorName: 'Jet Black', colorHex: '#000000' });
const USED = '37.5';

const wedge = (page: Page, code: string) => scanWithWedge(page, code, { gapMs: 5 });

describe.skipIf(!hasChromium)('scanning a spool on a running step', () => {
  let tablet: EnrolledTablet | undefined;
  let app: ScanApp;
  let page: Page;
  let shell: AppShell;
  let errors: string[];
  let fx: FloorFixture;

  beforeAll(async () => {
    tablet = await openEnrolledTablet(async (app) => {
      fx = await seedFloor(app.url, app.token, WO_CODE);
      await seed(app, 'spools', [SPOOL]);
    });
    ({ app, page, shell, errors } = tablet);
  });

  beforeEach((ctx) => shootOnFailure(page, ctx.onTestFailed));

  afterAll(() => closeEnrolledTablet(tablet));

  it('at a printer station the scan puts the cursor in the spool’s "Used for" field; the server gets one consume against the step', async () => {
    const print = fx.ops[0] as DocOf<'operations'>;
    const home = new StationPage(page);
    await home.bind('printer', fx.printer.code);
    await wedge(page, fx.operator.badgeCode);
    await shell.operatorChip.filter({ hasText: fx.operator.displayName }).waitFor();
    await home.open();

    // Not loaded yet: the scan loads it (as before), and nothing is selected for consumption.
    await wedge(page, SPOOL.code);
    const loaded = page.locator(`[data-testid="loaded-spool"][data-code="${SPOOL.code}"]`);
    await loaded.waitFor();
    expect(await loaded.getByTestId('use-form').count()).toBe(0);

    // The work order's label starts its print step here.
    await wedge(page, WO_CODE);
    await home.running(print.code).waitFor();
    const field = loaded.getByTestId('use-form').getByLabel(`Used for ${print.code} (g)`);
    await field.waitFor();
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(false);

    // Scroll the field out of view first: the scan must bring it back.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelectorAll('main .station, .station-side').forEach((el) => el.scrollTo(0, 0));
    });
    await clearToasts(page);
    await wedge(page, SPOOL.code);
    await expect
      .poll(() => field.evaluate((el) => el === document.activeElement), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(async () => (await toasts(page)).at(-1), { timeout: 10_000 })
      .toBe(`${SPOOL.code}: enter the grams used for ${print.code}`);
    const box = await field.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    // The scan typed nothing into the field, and the spool is still loaded once.
    expect(await field.inputValue()).toBe('');
    expect(await loaded.count()).toBe(1);
    await shootSizes(page, 'consume-scan-focus');

    // A person types the grams at a person's pace (not a scanner's burst) into the focused field.
    await page.keyboard.type(USED, { delay: 150 });
    expect(await field.inputValue()).toBe(USED);
    await loaded.getByTestId('use-form').getByRole('button', { name: 'Record use' }).click();
    await expect.poll(() => field.inputValue()).toBe('');

    // The floor holds a push 10 s for undo: then the server has exactly one consume, on the step.
    await shell.waitForSync('synced', 0, 40_000);
    const moves = await waitFor(
      'the consume on the server',
      async () => {
        const all = (await pullAll(app.url, app.token, 'spool_movements')) as unknown as SpoolMovement[];
        const mine = all.filter((m) => m.spoolId === SPOOL.id);
        return mine.some((m) => m.type === 'consume') ? mine : undefined;
      },
      30_000,
    );
    const consumes = moves.filter((m) => m.type === 'consume');
    expect(consumes).toHaveLength(1);
    expect(consumes[0]).toMatchObject({
      grams: Number(USED),
      workOrderId: fx.workOrder.id,
      operationId: print.id,
      printerId: fx.printer.id,
      slot: 'T0',
      operatorId: fx.operator.id,
    });
    expect(moves.map((m) => m.type).sort()).toEqual(['consume', 'load']);
    expect(errors).toEqual([]);
  });

  it('at a bench the scan opens the spool on "Record use" set to the running step; the server gets one consume against it', async () => {
    const [print, post] = fx.ops as [DocOf<'operations'>, DocOf<'operations'>];
    const home = new StationPage(page);
    // The print is done; its parts go to the post-processing bench.
    await home.open();
    await home.waitForNext('complete', WO_CODE, print.code);
    await home.tapNext();
    await home.fillComplete(4);
    await home.running(print.code).waitFor({ state: 'detached' });

    // The demo farm's bench already runs two other orders' OP20: ours is the one started last.
    await home.bind('center', 'WC-POST');
    await wedge(page, WO_CODE);
    await home.running(post.code).and(page.locator(`[data-wo-code="${WO_CODE}"]`)).waitFor();
    const others = await page.locator('[data-testid="running-step"]').count();
    expect(others).toBeGreaterThan(1);

    // No printer here: the spool's label opens its screen with the grams field of the running step.
    await clearToasts(page);
    await wedge(page, SPOOL.code);
    await page.waitForURL((u) => u.pathname === `/spools/${SPOOL.id}`);
    const form = page.getByTestId('consume-form');
    const field = form.getByLabel(`Used for ${post.code} (g)`);
    await field.waitFor();
    await expect
      .poll(() => field.evaluate((el) => el === document.activeElement), { timeout: 10_000 })
      .toBe(true);
    expect(await form.getByTestId('use-for').textContent()).toBe(
      `For ${WO_CODE} ${post.code} ${post.name}`,
    );
    expect(await toasts(page)).toContain(`${SPOOL.code}: enter the grams used for ${WO_CODE} ${post.code}`);
    // The other steps running at this bench are one pick away; ours is selected.
    const pick = form.getByTestId('use-step');
    expect(await pick.inputValue()).toBe(post.id);
    expect(await pick.locator('option').count()).toBe(others);
    await shootSizes(page, 'consume-scan-bench');

    await page.keyboard.type('4', { delay: 150 });
    expect(await field.inputValue()).toBe('4');
    await form.getByRole('button', { name: 'Record use' }).click();
    await expect.poll(() => field.inputValue()).toBe('');

    await shell.waitForSync('synced', 0, 40_000);
    const consumes = await waitFor(
      'the bench consume on the server',
      async () => {
        const all = (await pullAll(app.url, app.token, 'spool_movements')) as unknown as SpoolMovement[];
        const mine = all.filter((m) => m.spoolId === SPOOL.id && m.type === 'consume');
        return mine.some((m) => m.operationId === post.id) ? mine : undefined;
      },
      30_000,
    );
    expect(consumes.filter((m) => m.operationId === post.id)).toEqual([
      expect.objectContaining({ grams: 4, workOrderId: fx.workOrder.id, operatorId: fx.operator.id }),
    ]);
    expect(consumes).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
