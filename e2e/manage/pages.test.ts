import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sortOperations, type Operation, type Part, type Printer, type Spool, type SpoolMovement, type StepEvent, type WorkOrder } from '@printfloor/shared';
import { pullAll, waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import { createFirstManager, openManagerSession } from '../support/manager-session.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { pushDocs } from '../support/sync-push.ts';
import { ManagerPages } from './manager-pages.ts';

/**
 * Issue 6, the planner's pages in real Chromium against the real server (demo farm): create a work
 * order from a part's routing template, drag it up the board, see today's timeline of its step,
 * trace its spools and a spool's orders, open a printer's history, receive 5 spools in one go, and
 * list the tablets. Screenshots of every new page at 1440×900 go to e2e/artifacts/.
 */
const hasChromium = chromiumAvailable();
const ADMIN = { email: 'planner@e2e.example', password: 'a long enough e2e password' };
const MIN = 60_000;

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;

async function shoot(page: Page, name: string): Promise<void> {
  const s = page.viewportSize()!;
  await page.screenshot({ path: join(ARTIFACTS_DIR, `manage-${name}-${s.width}x${s.height}.png`) });
}

const iso = (t: number) => new Date(t).toISOString();

function stepEvent(id: string, type: StepEvent['type'], at: number, op: Operation, printerId: string, p: Partial<StepEvent> = {}): StepEvent {
  return {
    id, at: iso(at), operatorId: '', deviceId: 'e2e', serverUpdatedAt: null, workOrderId: op.workOrderId, operationId: op.id, type,
    printerId, qtyGood: 0, qtyScrap: 0, reasonCode: '', note: '', qcResult: null, downtimeFrom: null, downtimeTo: null, override: false, ...p,
  };
}

function consume(id: string, spoolId: string, grams: number, at: number, op: Operation, printerId: string): SpoolMovement {
  return {
    id, at: iso(at), operatorId: '', deviceId: 'e2e', serverUpdatedAt: null, spoolId, type: 'consume', grams, grossWeightG: null,
    estimated: false, workOrderId: op.workOrderId, operationId: op.id, printerId, slot: '', note: '',
  };
}

describe.skipIf(!hasChromium)("the planner's pages", () => {
  beforeAll(async () => {
    ({ env, server, browser } = await openDemoShop());
    // The first admin, through the first-run link the server printed (a manager session for /api/manage).
    await createFirstManager(server, ADMIN);
  });

  afterAll(() => closeDemoShop({ env, server, browser }));

  it('plans, reprioritises, times, traces, receives and lists tablets', async () => {
    const { url, demoToken } = server!;
    const token = demoToken!;
    // The first sync of the demo farm; generous: the test machine is shared.
    const { ctx, page, errors } = await openManagerSession(browser!, server!, ADMIN, { syncTimeoutMs: 120_000 });
    page.on('dialog', (d) => void d.accept());
    const m = new ManagerPages(page);

    // 1. A new work order from a part with a routing template: the part's most recent routed order.
    const [wos0, ops0, parts] = (await Promise.all([
      pullAll(url, token, 'work_orders'),
      pullAll(url, token, 'operations'),
      pullAll(url, token, 'parts'),
    ])) as unknown as [WorkOrder[], Operation[], Part[]];
    const routed = wos0
      .filter((w) => ops0.some((o) => o.workOrderId === w.id))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.code.localeCompare(a.code));
    const part = parts.find((p) => p.id === routed[0]!.partId)!;
    const source = routed.find((w) => w.partId === part.id)!;
    const sourceOps = sortOperations(ops0.filter((o) => o.workOrderId === source.id));
    await page.goto(`${url}/manage/orders`);
    await page.getByTestId('orders-board').waitFor();
    await page.getByTestId('new-wo').click();
    await page.getByTestId('plan-screen').waitFor();
    await m.fillNewOrder({ partId: part.id, qty: 7, due: '2031-02-03', priority: 5, customer: 'E2E Customer' });
    await expect.poll(() => page.getByTestId('routing-source').innerText()).toContain(source.code);
    expect(await page.getByTestId('routing-step').count()).toBe(sourceOps.length);
    await page.getByLabel('Release to the floor now').check();
    const woCode = await page.locator('input[name="code"]').inputValue();
    await m.toTop();
    await shoot(page, 'plan');
    await page.getByTestId('wo-save').click();
    await page.getByTestId('orders-board').waitFor();
    await m.card(woCode).waitFor();

    const created = await waitFor('the new work order and its operations on the server', async () => {
      const wo = ((await pullAll(url, token, 'work_orders')) as unknown as WorkOrder[]).find((w) => w.code === woCode);
      const ops = ((await pullAll(url, token, 'operations')) as unknown as Operation[]).filter((o) => o.workOrderId === wo?.id);
      return wo && ops.length === sourceOps.length ? { wo, ops: sortOperations(ops) } : undefined;
    }, 30_000);
    expect(created.wo).toMatchObject({ partId: part.id, qtyOrdered: 7, dueDate: '2031-02-03', priority: 5, customerName: 'E2E Customer', status: 'released' });
    created.ops.forEach((op, i) => {
      const src = sourceOps[i]!;
      expect(op).toMatchObject({ name: src.name, workCenterId: src.workCenterId, plannedSetupMinutes: src.plannedSetupMinutes });
      // Run minutes per part carry over and scale with the quantity (rounded to 0.1 min per part).
      expect(op.plannedRunMinutes).toBeCloseTo((Math.round((src.plannedRunMinutes / Math.max(1, source.qtyOrdered)) * 10) / 10) * 7, 5);
    });

    // 2. Drag it to the top of its column: it takes the priority of the card it lands above (P5 → that card's, or one higher).
    const col = page.getByTestId('col-released');
    const first = col.getByTestId('wo-card').first();
    const firstPrio = Number(await first.getAttribute('data-priority'));
    const expected = firstPrio === 5 ? 4 : firstPrio;
    const label = await m.dragCardAboveFirst(woCode, first);
    expect(label).toContain(`P${expected}`);
    await expect.poll(() => m.card(woCode).getAttribute('data-priority')).toBe(String(expected));
    await waitFor('the new priority on the server', async () => {
      const wo = ((await pullAll(url, token, 'work_orders')) as unknown as WorkOrder[]).find((w) => w.code === woCode);
      return wo?.priority === expected ? wo : undefined;
    }, 30_000);
    // The keyboard way: focus the grip, ↓ lowers the priority by one.
    await m.card(woCode).getByTestId('wo-grip').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => m.card(woCode).getAttribute('data-priority')).toBe(String(expected + 1));
    await shoot(page, 'orders-drag');

    // The edit page of the order.
    await m.card(woCode).getByRole('link', { name: 'Edit' }).click();
    await page.getByTestId('edit-order-screen').waitFor();
    await page.locator('input[name="customerName"]').fill('E2E Customer GmbH');
    await m.toTop();
    await shoot(page, 'edit-order');
    await page.getByTestId('wo-save').click();
    await page.getByTestId('orders-board').waitFor();
    await expect.poll(() => m.card(woCode).innerText()).toContain('E2E Customer GmbH');

    // 3. The floor works on its first step today: run, a pause, downtime, still running; two spools feed it.
    const printers = (await pullAll(url, token, 'printers')) as unknown as Printer[];
    const op = created.ops[0]!;
    const printer = printers.find((p) => p.id === op.printerId) ?? printers.find((p) => p.active)!;
    const now = Date.now();
    const midnight = new Date(now).setHours(0, 0, 0, 0);
    const t0 = Math.max(midnight + MIN, now - 120 * MIN);
    const span = now - t0;
    const tag = woCode.replace(/\W/g, '');
    await pushDocs(url, token, 'step_events', [
      stepEvent(`e2e-${tag}-1`, 'start', t0, op, printer.id),
      stepEvent(`e2e-${tag}-2`, 'pause', t0 + span * 0.3, op, printer.id, { reasonCode: 'FILAMENT' }),
      stepEvent(`e2e-${tag}-3`, 'resume', t0 + span * 0.45, op, printer.id),
      stepEvent(`e2e-${tag}-4`, 'downtime', t0 + span * 0.7, op, printer.id, { downtimeFrom: iso(t0 + span * 0.55), downtimeTo: iso(t0 + span * 0.65), reasonCode: 'JAM' }),
    ]);
    const spools = ((await pullAll(url, token, 'spools')) as unknown as Spool[]).filter((s) => s.status === 'active').slice(0, 2);
    expect(spools).toHaveLength(2);
    await pushDocs(url, token, 'spool_movements', [
      consume(`e2e-${tag}-c1`, spools[0]!.id, 120, t0 + span * 0.2, op, printer.id),
      consume(`e2e-${tag}-c2`, spools[0]!.id, 30, t0 + span * 0.8, op, printer.id),
      consume(`e2e-${tag}-c3`, spools[1]!.id, 45, t0 + span * 0.9, op, printer.id),
    ]);

    await m.openTab('Today', 'timeline');
    const lane = page.locator(`[data-testid="timeline-lane"][data-printer="${printer.code}"]`);
    await expect.poll(() => lane.locator(`[data-testid="timeline-segment"][data-wo="${woCode}"][data-kind="run"]`).count(), { timeout: 20_000 }).toBe(2);
    expect(await lane.locator('[data-testid="timeline-segment"][data-kind="paused"]').count()).toBeGreaterThanOrEqual(1);
    expect(await lane.locator('[data-testid="timeline-segment"][data-kind="downtime"]').count()).toBeGreaterThanOrEqual(1);
    await shoot(page, 'timeline');

    // 4. Trace: the order's spools and lots, then a spool's orders.
    await m.openTab('Traceability', 'trace');
    await page.getByTestId('trace-search').fill(woCode);
    await page.getByTestId('trace-search').press('Enter');
    const row = page.locator(`[data-testid="trace-spool"][data-code="${spools[0]!.code}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('150 g');
    expect(await page.locator(`[data-testid="trace-spool"][data-code="${spools[1]!.code}"]`).innerText()).toContain('45 g');
    await shoot(page, 'trace-wo');
    await row.getByRole('button', { name: spools[0]!.code }).click();
    const fed = page.locator(`[data-testid="trace-fed"][data-code="${woCode}"]`);
    await fed.waitFor();
    expect(await fed.innerText()).toContain('150 g');
    await shoot(page, 'trace-spool');

    // 5. The printer's history, from its farm tile.
    await m.openTab('Live farm', 'farm-board');
    await page.locator(`[data-testid="printer-tile"][data-code="${printer.code}"] [data-testid="open-printer-history"]`).click();
    await page.getByTestId('printer-history').waitFor();
    await expect.poll(() => page.getByTestId('history-jobs').innerText()).toContain(woCode);
    await expect.poll(() => page.getByTestId('history-downtime').innerText()).toContain('JAM');
    await expect.poll(() => page.getByTestId('history-consumption').innerText()).toContain(spools[1]!.code);
    await shoot(page, 'printer-history');

    // 6. Receive a purchase of 5 spools in one go, with their labels.
    await m.openTab('Inventory', 'inventory');
    await page.getByTestId('open-receive-batch').click();
    await page.getByTestId('receive-batch').waitFor();
    const lot = `LOT-E2E-${tag}`;
    const form = page.getByTestId('receive-batch');
    await form.locator('input[name="material"]').fill('PETG');
    await form.locator('input[name="brand"]').fill('Prusament');
    await form.locator('input[name="colorName"]').fill('Galaxy Black');
    await form.locator('input[name="netWeightG"]').fill('1000');
    await form.locator('input[name="tareWeightG"]').fill('230');
    await form.locator('input[name="count"]').fill('5');
    await form.locator('input[name="lot"]').fill(lot);
    await form.locator('input[name="location"]').fill('Shelf E2E');
    await page.getByTestId('receive-batch-submit').click();
    await page.getByTestId('receive-batch-done').waitFor();
    expect(await page.getByTestId('received-spool').count()).toBe(5);
    await page.getByTestId('labels-preview').waitFor();
    await page.getByTestId('receive-batch-done').scrollIntoViewIfNeeded();
    await shoot(page, 'receive-batch');
    const received = await waitFor('5 spools of the lot and their receive entries on the server', async () => {
      const s = ((await pullAll(url, token, 'spools')) as unknown as Spool[]).filter((x) => x.lot === lot);
      const ids = new Set(s.map((x) => x.id));
      const mv = ((await pullAll(url, token, 'spool_movements')) as unknown as SpoolMovement[]).filter((x) => ids.has(x.spoolId) && x.type === 'receive');
      return s.length === 5 && mv.length === 5 ? { s, mv } : undefined;
    }, 30_000);
    expect(new Set(received.s.map((s) => s.code)).size).toBe(5);
    expect(received.s.every((s) => s.material === 'PETG' && s.tareWeightG === 230 && s.location === 'Shelf E2E')).toBe(true);
    expect(received.mv.every((x) => x.grams === 1000)).toBe(true);

    // 7. Tablets: this browser's device reported its build, edits waiting and last sync.
    await m.openTab('Tablets', 'tablets');
    const tablets = page.getByTestId('tablets-table');
    await tablets.waitFor();
    await expect.poll(() => tablets.locator('[data-testid="tablet-row"][data-reported="yes"]').count(), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);

    await shoot(page, 'tablets');

    // 8. Another manager, offline, picked the same next number: the board flags both orders.
    await pushDocs(url, token, 'work_orders', [
      { ...created.wo, id: `e2e-twin-${tag}`, title: 'Planned offline on another device', updatedAt: iso(Date.now()), serverUpdatedAt: null },
    ]);
    await m.openTab('Work orders', 'orders-board');
    await expect.poll(() => page.getByTestId('duplicate-codes').innerText(), { timeout: 20_000 }).toBe('1 code used twice');
    await expect.poll(() => m.card(woCode).getByTestId('duplicate-code').count()).toBe(2);
    await shoot(page, 'orders-duplicate-code');

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
