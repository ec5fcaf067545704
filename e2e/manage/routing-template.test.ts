import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  sortOperations,
  type Operation,
  type Part,
  type Printer,
  type TemplateStep,
  type WorkCenter,
  type WorkOrder,
} from '@printfloor/shared';
import { pullAll, waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createPrintfloorClient, type PrintfloorClient } from '../../client/src/data/client.ts';
import { loadValidationOnly } from '../../client/src/data/dev-mode.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import { createFirstManager, openManagerSession } from '../support/manager-session.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { ManagerPages } from './manager-pages.ts';
import { RoutingStepsModel, RoutingTemplatePage, type StepInput } from './routing-template-page.ts';

/**
 * Issue 6: a part's STORED routing template in real Chromium against the real server (demo farm).
 * A manager writes a three-step template on the part's page, a tablet (the app's data layer in
 * Node) receives it live, a work order for 12 parts made from it holds run minutes = per part × 12
 * on the server, and the work order form saves another part's steps as that part's template.
 */
const hasChromium = chromiumAvailable();
const ADMIN = { email: 'router@e2e.example', password: 'a long enough e2e password' };
const QTY = 12;

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;
let tablet: { client: PrintfloorClient } | null = null;

/**
 * A tablet in Node: the app's own data layer on fake-indexeddb (as support/node-client.ts builds
 * it), but validating documents without dev-mode's schema check, which refuses `parts.revision`
 * (a reserved RxDocument name, client/src/data/rx-schemas.test.ts) and so any tablet with parts.
 */
async function partsTablet(
  baseUrl: string,
  token: string,
  deviceId: string,
): Promise<{ client: PrintfloorClient }> {
  const client = await createPrintfloorClient({
    name: `e2e-routing-${process.pid}`,
    dexie: { indexedDB, IDBKeyRange },
    multiInstance: false,
    devMode: loadValidationOnly,
    collections: ['parts'],
    baseUrl,
    token,
    deviceId,
    tenantSlug: 'demo',
    sync: { retryTimeMs: 300, stream: { minDelayMs: 100, maxDelayMs: 1000 } },
  });
  return { client };
}

async function shoot(page: Page, name: string, top = true): Promise<void> {
  const s = page.viewportSize()!;
  if (top) await page.evaluate(() => document.querySelector('.manage')?.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS_DIR, `manage-${name}-${s.width}x${s.height}.png`) });
}

describe.skipIf(!hasChromium)("a part's routing template", () => {
  beforeAll(async () => {
    ({ env, server, browser } = await openDemoShop());
    await createFirstManager(server, ADMIN);
  });

  afterAll(async () => {
    await tablet?.client.close();
    await closeDemoShop({ env, server, browser });
  });

  it('a manager edits the template, a tablet receives it, a work order for N is made from it', async () => {
    const { url, demoToken } = server!;
    const token = demoToken!;
    const [parts, wcs, printers, wos0, ops0] = (await Promise.all([
      pullAll(url, token, 'parts'),
      pullAll(url, token, 'work_centers'),
      pullAll(url, token, 'printers'),
      pullAll(url, token, 'work_orders'),
      pullAll(url, token, 'operations'),
    ])) as unknown as [Part[], WorkCenter[], Printer[], WorkOrder[], Operation[]];
    expect(parts.every((p) => Array.isArray(p.routing) && p.routing.length === 0)).toBe(true); // demo parts: none stored
    // A part made before (so the form would otherwise copy its last order), and one to save from the form.
    const routedIds = new Set(
      wos0.filter((w) => ops0.some((o) => o.workOrderId === w.id)).map((w) => w.partId),
    );
    const sorted = [...parts].sort((a, b) => a.code.localeCompare(b.code));
    const part = sorted.find((p) => routedIds.has(p.id))!;
    const other = sorted.find((p) => p.id !== part.id && routedIds.has(p.id))!;
    const wcOf = (kind: WorkCenter['kind']) =>
      wcs.find((w) => w.kind === kind && w.active) ?? wcs.find((w) => w.active)!;
    const printer =
      printers.filter((p) => p.active && p.workCenterId === wcOf('print').id)[0] ??
      printers.find((p) => p.active)!;

    // The tablet: the app's own data layer, replicating parts from the same server.
    const me = (await (
      await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { device: { id: string } };
    tablet = await partsTablet(url, token, me.device.id);
    await waitFor(
      'the tablet holds the part',
      async () => (await tablet!.client.db.parts.findOne(part.id).exec()) ?? undefined,
      60_000,
    );

    const { ctx, page, errors } = await openManagerSession(browser!, server!, ADMIN, { syncTimeoutMs: 120_000 });
    page.on('dialog', (d) => void d.accept());
    const m = new ManagerPages(page);

    // 1. Parts tab → the part's routing template page. No stored template yet: it starts from the derived one.
    await page.goto(`${url}/manage/orders`);
    await page.getByTestId('orders-board').waitFor();
    await m.openTab('Parts', 'parts-screen');
    const row = page.locator(`[data-testid="part-row"][data-code="${part.code}"]`);
    await shoot(page, 'parts');
    await row.getByRole('link', { name: `Routing template of ${part.code}` }).click();
    const tp = new RoutingTemplatePage(page);
    await tp.screen.waitFor();
    expect(await tp.status()).toMatch(/^No stored template yet: new work orders copy the steps of WO-/);
    expect(await tp.steps.count()).toBeGreaterThan(0);

    // 2. Three steps, the last moved up one place: Print, Inspect, Remove supports.
    const steps: StepInput[] = [
      {
        code: 'OP10',
        name: 'Print',
        workCenterId: wcOf('print').id,
        printerId: printer.id,
        setup: 15,
        runPerUnit: 42,
        notes: 'Textured plate',
      },
      {
        code: 'OP20',
        name: 'Remove supports',
        workCenterId: wcOf('post_process').id,
        setup: 5,
        runPerUnit: 3.5,
      },
      {
        code: 'OP30',
        name: 'Inspect',
        workCenterId: wcOf('qc').id,
        setup: 0,
        runPerUnit: 0.5,
        notes: 'Check the clip fit',
      },
    ];
    await tp.steps.clear();
    for (const s of steps) await tp.steps.add(s);
    await tp.steps.moveUp(3);
    expect(await tp.steps.names()).toEqual(['Print', 'Inspect', 'Remove supports']);
    const small = (await tp.steps.controlSizes()).filter((c) => c.height < 48 || c.width < 48);
    expect(small, 'every control of the editor is a 48 px touch target').toEqual([]);
    await shoot(page, 'routing-template-editing');
    await tp.save();
    await expect.poll(() => tp.status()).toContain('Stored template, 3 steps');
    await shoot(page, 'routing-template');

    const expected: TemplateStep[] = [steps[0]!, steps[2]!, steps[1]!].map((s) => ({
      code: s.code,
      name: s.name,
      workCenterId: s.workCenterId,
      printerId: s.printerId ?? '',
      plannedSetupMinutes: s.setup,
      runMinutesPerUnit: s.runPerUnit,
      notes: s.notes ?? '',
    }));
    const onServer = await waitFor(
      'the template on the server',
      async () => {
        const p = ((await pullAll(url, token, 'parts')) as unknown as Part[]).find((x) => x.id === part.id);
        return p && p.routing.length === 3 ? p : undefined;
      },
      30_000,
    );
    expect(onServer.routing).toEqual(expected);
    // The tablet receives it (live: the server's change stream wakes its replication).
    const onTablet = await waitFor(
      'the template on the tablet',
      async () => {
        const p = await tablet!.client.db.parts.findOne(part.id).exec();
        return p && p.routing.length === 3 ? p.toJSON() : undefined;
      },
      30_000,
    );
    expect(onTablet.routing).toEqual(expected);
    // And on the floor's part page (this browser is an enrolled tablet too), read-only, in order.
    await page.goto(`${url}/parts/${encodeURIComponent(part.id)}`);
    const floorSteps = page.getByTestId('part-routing-step');
    await expect.poll(() => floorSteps.count()).toBe(3);
    const lines = (await floorSteps.allInnerTexts()).map((t) => t.split('\n')[0]!);
    expected.forEach((st, i) => expect(lines[i]).toContain(`${st.code} ${st.name}`));
    await page.getByTestId('part-routing').scrollIntoViewIfNeeded();
    await shoot(page, 'floor-part-routing', false);
    await page.goto(`${url}/manage/parts/${encodeURIComponent(part.id)}/routing`);
    await tp.screen.waitFor();

    // 3. A work order for QTY from it: the form says where its steps come from and scales run minutes.
    await page.getByRole('link', { name: 'New work order', exact: true }).click();
    await page.getByTestId('plan-screen').waitFor();
    await expect
      .poll(() => page.getByTestId('routing-source').innerText())
      .toContain("From the part's template");
    const form = new RoutingStepsModel(page, page.getByTestId('wo-editor'));
    expect(await form.names()).toEqual(['Print', 'Inspect', 'Remove supports']);
    await m.fillNewOrder({
      partId: part.id,
      qty: QTY,
      due: '2031-04-05',
      priority: 2,
      customer: 'Routing E2E',
    });
    expect(await page.getByTestId('run-total').allInnerTexts()).toEqual(
      expected.map((s) => String(s.runMinutesPerUnit * QTY)),
    );
    await page.getByLabel('Release to the floor now').check();
    const woCode = await page.locator('input[name="code"]').inputValue();
    await shoot(page, 'plan-from-template');
    await page.getByTestId('save-as-template').scrollIntoViewIfNeeded();
    await shoot(page, 'plan-from-template-routing', false);
    await page.getByTestId('wo-save').click();
    await page.getByTestId('orders-board').waitFor();
    const created = await waitFor(
      'the work order and its operations on the server',
      async () => {
        const wo = ((await pullAll(url, token, 'work_orders')) as unknown as WorkOrder[]).find(
          (w) => w.code === woCode,
        );
        const ops = ((await pullAll(url, token, 'operations')) as unknown as Operation[]).filter(
          (o) => o.workOrderId === wo?.id,
        );
        return wo && ops.length === 3 ? { wo, ops: sortOperations(ops) } : undefined;
      },
      30_000,
    );
    expect(created.wo).toMatchObject({
      partId: part.id,
      qtyOrdered: QTY,
      status: 'released',
      customerName: 'Routing E2E',
    });
    expect(
      created.ops.map((o) => [
        o.sequence,
        o.code,
        o.name,
        o.workCenterId,
        o.printerId,
        o.plannedSetupMinutes,
        o.plannedRunMinutes,
        o.notes,
      ]),
    ).toEqual(
      expected.map((s, i) => [
        (i + 1) * 10,
        s.code,
        s.name,
        s.workCenterId,
        s.printerId,
        s.plannedSetupMinutes,
        s.runMinutesPerUnit * QTY,
        s.notes,
      ]),
    );

    // 4. The other part has no template: the form copies its last order and can store those steps.
    await page.goto(`${url}/manage/plan?part=${encodeURIComponent(other.id)}`);
    await page.getByTestId('plan-screen').waitFor();
    await expect.poll(() => page.getByTestId('routing-source').innerText()).toMatch(/^From WO-/);
    const derivedNames = await form.names();
    await page.getByTestId('save-as-template').click();
    await expect
      .poll(() => page.getByTestId('routing-source').innerText())
      .toContain("From the part's template");
    const saved = await waitFor(
      "the other part's template on the server",
      async () => {
        const p = ((await pullAll(url, token, 'parts')) as unknown as Part[]).find((x) => x.id === other.id);
        return p && p.routing.length > 0 ? p : undefined;
      },
      30_000,
    );
    expect(saved.routing.map((s) => s.name)).toEqual(derivedNames);

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
