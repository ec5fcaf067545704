import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Operation, StepEvent, WorkOrder } from '@printfloor/shared';
import { AppShell } from '../page-models/app-shell.ts';
import { waitFor } from '../support/api.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import { createFirstManager, MANAGER_VIEWPORT, signInManager } from '../support/manager-session.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { connectSitePrinter, type SitePrinter } from '../support/site-printer.ts';
import { expectPushAccepted, pushDocs } from '../support/sync-push.ts';

/**
 * Issue 6: a printer changes state through the broker (the site Mosquitto, native topic) while a
 * step of a work order runs on it; the relay records the changes in printer_events, and the
 * manager's printer history page — opened from the printer's farm tile — lists them (time,
 * from → to, job, the linked step, the error) and the jobs table shows what the printer said.
 */
const hasChromium = chromiumAvailable();
const TAG = Math.random().toString(36).slice(2, 8).toUpperCase();
const CODE = `PR-EVT-${TAG}`;
const ADMIN = { email: 'history@e2e.example', password: 'a long enough e2e password' };
/** The id connectSitePrinter's `push` gives the printer. */
const PRINTER_ID = `e2e-${CODE}`;
const WO_ID = `e2e-evt-wo-${TAG}`;
const OP_ID = `e2e-evt-op-${TAG}`;
const WO_CODE = `WO-EVT-${TAG}`;
const JOB = `e2e-gear-${TAG}.3mf`;

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;
let printer: SitePrinter | null = null;

/** The printer, a released work order with one print step on it, and that step started on a tablet. */
async function seed(url: string, token: string): Promise<void> {
  const now = new Date().toISOString();
  const meta = { updatedAt: now, updatedBy: 'e2e', serverUpdatedAt: null };
  const wo: WorkOrder = {
    ...meta, id: WO_ID, code: WO_CODE, partId: '', title: 'Gear housing ×4', qtyOrdered: 4, qtyCompleted: 0, qtyScrapped: 0,
    status: 'released', onHold: false, priority: 3, dueDate: '', customerName: 'E2E', poNumber: '', lineRef: '', materialHint: 'PETG',
    notes: '', createdAt: now,
  };
  const op: Operation = {
    ...meta, id: OP_ID, workOrderId: WO_ID, sequence: 10, code: 'PRINT', name: 'Print housing', workCenterId: '',
    plannedSetupMinutes: 5, plannedRunMinutes: 120, printerId: PRINTER_ID, notes: '',
  };
  const start: StepEvent = {
    id: `e2e-evt-start-${TAG}`, at: now, operatorId: '', deviceId: 'e2e', serverUpdatedAt: null, workOrderId: WO_ID, operationId: OP_ID,
    type: 'start', printerId: PRINTER_ID, qtyGood: 0, qtyScrap: 0, reasonCode: '', note: '', qcResult: null, downtimeFrom: null,
    downtimeTo: null, override: false,
  };
  await expectPushAccepted(await printer!.push(url, token));
  await pushDocs(url, token, 'work_orders', [wo]);
  await pushDocs(url, token, 'operations', [op]);
  await pushDocs(url, token, 'step_events', [start]);
}

/** Every status is retained: the relay reads the printer's current state when it picks the printer up. */
const publish = (payload: object): Promise<void> => printer!.publish(payload, { retain: true });

async function shoot(page: Page, name: string): Promise<void> {
  const s = page.viewportSize()!;
  await page.screenshot({ path: join(ARTIFACTS_DIR, `manage-${name}-${s.width}x${s.height}.png`) });
}

describe.skipIf(!hasChromium)("the printer's relay events on its history page", () => {
  beforeAll(async () => {
    // Before the server starts: it inherits the site broker's MQTT_URL.
    printer = await connectSitePrinter(CODE, 'Events test printer');
    ({ env, server, browser } = await openDemoShop({ demo: false }));
  });

  afterAll(async () => {
    // Clears the retained status so the shared broker keeps nothing of this run; restores MQTT_URL.
    await printer?.close();
    await closeDemoShop({ env, server, browser });
  });

  it('lists started and failed (with job, step and error) after the printer changed state through the broker', async () => {
    const { url } = server!;
    await createFirstManager(server!, ADMIN);
    const ctx = await browser!.newContext({ viewport: MANAGER_VIEWPORT });
    const csrf = await signInManager(ctx, url, ADMIN);
    // A tablet token through pairing, as the Add tablet page does (the CLI cannot open an embedded
    // database the server holds).
    const pairing = await ctx.request.post(`${url}/api/devices/pairing`, { headers: { 'x-printfloor-csrf': csrf, Origin: url } });
    expect(pairing.status(), await pairing.text()).toBe(201);
    const paired = await ctx.request.post(`${url}/api/devices/pair`, {
      data: { code: ((await pairing.json()) as { code: string }).code, name: 'E2E history tablet' },
      headers: { Origin: url },
    });
    expect(paired.status(), await paired.text()).toBe(201);
    const token = ((await paired.json()) as { token: string }).token;
    await seed(url, token);
    const kinds = async () => {
      const res = await ctx.request.get(`${url}/api/manage/printers/${PRINTER_ID}/events`);
      expect(res.status(), await res.text()).toBe(200);
      return ((await res.json()) as { events: { kind: string }[] }).events.map((e) => e.kind);
    };
    // The relay picks the new printer up on its reload; its first (retained) status is the "online"
    // event. Each next change is published once the previous one is recorded, so none is merged away.
    await publish({ state: 'idle', nozzleTemp: 24, bedTemp: 23 });
    await waitFor('the printer online in its events', async () => ((await kinds()).includes('online') ? true : undefined), 30_000);
    await publish({ state: 'printing', progress: 3, jobName: JOB, nozzleTemp: 219, nozzleTarget: 220, bedTemp: 60, bedTarget: 60 });
    await waitFor('print started in its events', async () => ((await kinds()).includes('started') ? true : undefined), 30_000);
    await publish({
      state: 'failed', progress: 61, jobName: JOB, stateDetail: 'filament runout',
      errors: [{ code: 'E-RUNOUT', text: 'Filament ran out', severity: 'serious' }],
    });
    await waitFor('print failed in its events', async () => ((await kinds()).includes('failed') ? true : undefined), 30_000);

    // The manager opens the farm, then the printer's history from its tile.
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/enrol#token=${token}`);
    await new AppShell(page).waitForSync('synced', 0, 60_000);
    await page.goto(`${url}/manage/farm`);
    const tile = page.locator(`[data-testid="printer-tile"][data-code="${CODE}"]`);
    await tile.waitFor({ timeout: 20_000 });
    await tile.getByTestId('open-printer-history').click();
    await page.getByTestId('printer-history').waitFor();

    const section = page.getByTestId('history-printer-events');
    const started = section.locator('[data-testid="printer-event"][data-kind="started"]');
    const failed = section.locator('[data-testid="printer-event"][data-kind="failed"]');
    await failed.waitFor({ timeout: 20_000 });
    const failedText = await failed.innerText();
    expect(failedText).toContain('printing → failed');
    expect(failedText).toContain(JOB);
    expect(failedText).toContain('Filament ran out (E-RUNOUT)');
    expect(failedText).toContain('61 %');
    // The relay linked the change to the step running on the printer: its work order is named.
    await expect.poll(() => started.innerText()).toContain(WO_CODE);
    expect(await started.innerText()).toContain('idle → printing');
    // Newest first: failed above started above online.
    const order = await section.locator('[data-testid="printer-event"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(order.slice(0, 3)).toEqual(['failed', 'started', 'online']);
    // The jobs table shows what the printer said about the step the tablet started.
    await expect.poll(() => page.locator('[data-testid="history-job"]').filter({ hasText: WO_CODE }).getByTestId('history-job-printer').innerText()).toBe('failed');
    await section.scrollIntoViewIfNeeded();
    await shoot(page, 'printer-events');

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
