import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as apiRequest, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import { pullAll } from '../support/api.ts';
import { expectPushAccepted } from '../support/sync-push.ts';
import { AuditLogPage } from '../page-models/audit-log-page.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { AccountSignInPage, createFirstAdmin, signInContext } from './accounts-support.ts';

/**
 * Issue 7, the admin pages in Chromium at 1440×900: the admin signs in, adds a lead on the Users
 * page, makes them a manager, sets a new password and disables them (their session and their next sign-in are refused);
 * then renames and revokes a tablet on the Tablets page (the tablet's next sync request gets 401),
 * sets a printer's connection; finally reads all of it back on the Audit log, by name.
 */

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`\n*** SKIPPING the admin pages test: no Chromium at ${CHROMIUM_PATH} ***\n`);

const VIEWPORT = { width: 1440, height: 900 } as const;
const ADMIN = { email: 'admin@admin-pages.example', password: 'admin pages password' };
// Unique per run: on a shared Postgres an earlier run's users are still there.
const RUN = Math.random().toString(36).slice(2, 8);
const LEAD = { email: `lee-${RUN}@admin-pages.example`, password: 'lead password 12' };
const NEW_PASSWORD = 'a new lead password';
const TABLET = `Bench ${RUN}`;
const ACCESS_CODE = `AC${RUN}x9`;
const RENAMED = `Packing ${RUN}`;

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;
const prevSecretsKey = process.env.SECRETS_KEY;

/** The Users page (page model). */
class UsersPage {
  constructor(readonly page: Page) {}
  row(email: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  }
  async add(email: string, role: string, password: string): Promise<void> {
    const form = this.page.getByTestId('add-user');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role of the new user').selectOption(role);
    await form.getByLabel(/Password/).fill(password);
    await form.getByRole('button', { name: 'Add user' }).click();
    await this.row(email).waitFor();
  }
}

/** The Tablets page (page model). */
class TabletsPage {
  constructor(readonly page: Page) {}
  row(name: string): Locator {
    return this.page.locator(`[data-testid="tablet-row"][data-name="${name}"]`);
  }
}

/** Heights (px) of the page's buttons, selects and inputs that are under 48 px. */
async function smallTargets(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll('button, select, input')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el, h: el.getBoundingClientRect().height }))
      .filter(({ h }) => h < 48)
      .map(({ el, h }) => `${el.tagName} "${el.textContent ?? ''}" ${h}px`),
  );
}

/**
 * The demo tablet pushes an edit of a work order, signed by one of the demo's people: the audit
 * log gets a `doc.update` with the changed fields. Returns what the log should then show.
 */
async function tabletEditsWorkOrder(url: string, token: string) {
  const person = (await pullAll(url, token, 'people')).find((p) => p.badgeCode && !p._deleted)!;
  const wo = (await pullAll(url, token, 'work_orders')).find((w) => !w._deleted)!;
  const priority = wo.priority === 1 ? 2 : 1;
  const notes = `Customer called ${RUN}: ship Friday`;
  const edited = { ...wo, priority, notes, updatedBy: person.id, updatedAt: new Date().toISOString() };
  const res = await fetch(`${url}/api/sync/work_orders/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify([{ assumedMasterState: wo, newDocumentState: edited }]),
  });
  await expectPushAccepted(res);
  return {
    woId: wo.id,
    woCode: String(wo.code),
    priority: [String(wo.priority), String(priority)],
    notes,
    operator: `${String(person.displayName)} (${String(person.badgeCode)})`,
  };
}

/** Visible text that still reads like a raw token (`user:<uuid>`, `device:<uuid>`). */
const RAW_TOKEN = /(user|device):[0-9a-f]{8}-/;

/**
 * The Audit log names who did what: the admin's actions by email, the tablet by its new name, the
 * printer by its code, the demo tablet's work-order edit with its operator and changed fields; the
 * printer's access code appears nowhere; the action filter narrows the list.
 */
async function checkAuditLog(page: Page, url: string, demoToken: string, printerCode: string): Promise<void> {
  const edit = await tabletEditsWorkOrder(url, demoToken);
  await page.setViewportSize(VIEWPORT);
  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  const audit = new AuditLogPage(page);
  await audit.table.waitFor();

  // The tablet's edit: tablet and operator by name, the work order by code (linked), the diff.
  const woEdit = audit.row('doc.update').filter({ hasText: edit.woCode }).first();
  expect(await audit.actor(woEdit).innerText()).toContain(`(tablet) · ${edit.operator}`);
  expect(await audit.target(woEdit).innerText()).toBe(`Work order ${edit.woCode}`);
  expect(await audit.target(woEdit).getByRole('link').getAttribute('href')).toBe(
    `/manage/trace?wo=${encodeURIComponent(edit.woId)}`,
  );
  const priority = audit.change(woEdit, 'priority');
  expect([await priority.before.innerText(), await priority.after.innerText()]).toEqual(edit.priority);
  expect(await audit.change(woEdit, 'notes').after.innerText()).toBe(edit.notes);

  // The admin's actions: by email, on the lead, the renamed tablet and the printer by its code.
  const byAdmin = ['user.created', 'user.updated', 'user.password_reset', 'device.renamed', 'device.revoked'];
  for (const action of [...byAdmin, 'printer.connection_set']) {
    expect(await audit.actor(audit.row(action).first()).innerText(), action).toContain(ADMIN.email);
  }
  expect(await audit.target(audit.row('user.created').first()).innerText()).toBe(`User ${LEAD.email}`);
  expect(await audit.target(audit.row('device.revoked').first()).innerText()).toBe(`Tablet ${RENAMED}`);
  const renamed = audit.row('device.renamed').first();
  expect(await audit.change(renamed, 'name').before.innerText()).toBe(TABLET);
  expect(await audit.change(renamed, 'name').after.innerText()).toBe(RENAMED);
  // The tablet paired itself: named as a tablet; the code it used was the admin's.
  const paired = audit.row('device.paired').first();
  expect(await audit.actor(paired).innerText()).toBe(`${RENAMED} (tablet)`);
  expect(await audit.change(paired, 'pairingCodeBy').after.innerText()).toBe(ADMIN.email);
  // The admin's set (the test's restore afterwards clears the code).
  const connection = audit.row('printer.connection_set').filter({ hasText: 'rotated' });
  expect(await audit.target(connection).innerText()).toBe(`Printer ${printerCode}`);
  expect(await audit.change(connection, 'accessCode').after.innerText()).toBe('rotated');
  expect(await audit.table.innerText()).not.toMatch(RAW_TOKEN);
  expect(await page.content()).not.toContain(ACCESS_CODE);
  // Nothing runs off the side: not the page, not the table out of its card.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
  expect(await audit.overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-audit-1440x900.png') });

  // Filter by action: only the devices' entries, then only the users'.
  await audit.filterByAction('device.');
  const deviceActions = await audit.actions();
  expect(
    deviceActions.every((a) => a.startsWith('device.')),
    deviceActions.join(),
  ).toBe(true);
  expect(deviceActions).toEqual(
    expect.arrayContaining(['device.paired', 'device.renamed', 'device.revoked']),
  );
  await audit.filterByAction('user.');
  const userActions = await audit.actions();
  expect(
    userActions.every((a) => a.startsWith('user.')),
    userActions.join(),
  ).toBe(true);
  expect(await audit.table.innerText()).toContain(`User ${LEAD.email}`);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-audit-users-1440x900.png') });
  await audit.clearFilters();
  expect(await audit.row('doc.update').count()).toBeGreaterThan(0);
}

describe.skipIf(!hasChromium)('admin pages: users and tablets', () => {
  beforeAll(async () => {
    // Printer access codes are stored encrypted: the server needs a key (passed on to its process).
    process.env.SECRETS_KEY ??= randomBytes(32).toString('hex');
    ({ env, server, browser } = await openDemoShop());
    await createFirstAdmin(server, ADMIN.email, ADMIN.password, env);
  });

  afterAll(async () => {
    await closeDemoShop({ env, server, browser });
    if (prevSecretsKey === undefined) delete process.env.SECRETS_KEY;
  });

  it('an admin adds a lead, changes their role, resets their password and disables them; renames and revokes a tablet; reads it all back in the audit log', async () => {
    const url = server!.url;
    const errors: string[] = [];
    const ctx = await browser!.newContext({ viewport: VIEWPORT });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));

    // ---- the admin signs in and opens Users (a tab only admins see) ----
    const signIn = new AccountSignInPage(page);
    await signIn.open(url, '/manage/users');
    await signIn.fill(ADMIN.email, ADMIN.password);
    await signIn.submit();
    await page.waitForURL(`${url}/manage/users`);
    await expect.poll(() => page.getByRole('link', { name: 'Users', exact: true }).count()).toBe(1);
    const users = new UsersPage(page);
    await users.row(ADMIN.email).waitFor();

    // ---- add a lead; the lead signs in ----
    await users.add(LEAD.email, 'lead', LEAD.password);
    await expect.poll(() => users.row(LEAD.email).getByRole('combobox').inputValue()).toBe('lead');
    const leadApi = await apiRequest.newContext({ baseURL: url });
    await signInContext(leadApi, url, LEAD.email, LEAD.password);
    expect((await leadApi.get('/api/auth/session')).status()).toBe(200);
    // A lead does not see the Users tab.
    const leadCtx = await browser!.newContext({ viewport: VIEWPORT });
    await signInContext(leadCtx, url, LEAD.email, LEAD.password);
    const leadPage = await leadCtx.newPage();
    await leadPage.goto(`${url}/manage/farm`);
    // A browser that is not a tablet yet asks to continue as this user (it gets a browser device).
    await leadPage.getByRole('button', { name: 'Continue' }).click();
    await leadPage.getByRole('navigation', { name: 'Manager sections' }).waitFor();
    expect(await leadPage.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    await leadCtx.close();

    // ---- make them a manager: the server has the new role, their old session has ended ----
    await users.row(LEAD.email).getByRole('combobox').selectOption('manager');
    await page
      .getByRole('status')
      .filter({ hasText: `${LEAD.email} is now manager` })
      .waitFor();
    const listed = async () =>
      (
        (await (await page.request.get(`${url}/api/admin/users`)).json()) as {
          users: { email: string; role: string; disabledAt: string | null }[];
        }
      ).users.find((u) => u.email === LEAD.email);
    expect((await listed())?.role).toBe('manager');
    expect((await leadApi.get('/api/auth/session')).status()).toBe(401);
    await signInContext(leadApi, url, LEAD.email, LEAD.password);

    // ---- a new password: the old one and the open session stop working ----
    await users.row(LEAD.email).getByRole('button', { name: 'Reset password' }).click();
    await users.row(LEAD.email).getByLabel(`New password for ${LEAD.email}`).fill(NEW_PASSWORD);
    await users.row(LEAD.email).getByRole('button', { name: 'Save password' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `New password set for ${LEAD.email}` })
      .waitFor();
    expect((await leadApi.get('/api/auth/session')).status()).toBe(401);
    expect((await leadApi.post(`${url}/api/auth/login`, { data: LEAD })).status()).toBe(401);
    await signInContext(leadApi, url, LEAD.email, NEW_PASSWORD);

    // ---- disable: the open session and the next sign-in are refused ----
    await users.row(LEAD.email).getByRole('button', { name: 'Disable' }).click();
    await users.row(LEAD.email).getByText('disabled', { exact: true }).waitFor();
    expect((await listed())?.disabledAt).not.toBeNull();
    expect((await leadApi.get('/api/auth/session')).status()).toBe(401);
    const refused = await leadApi.post(`${url}/api/auth/login`, {
      data: { email: LEAD.email, password: NEW_PASSWORD },
    });
    expect(refused.status()).toBe(401);
    await leadApi.dispose();

    // The last admin cannot step down: the refusal is shown and the role stays. (On a Postgres
    // shared with other test files their admins share the demo shop: server tests cover it there.)
    const all = (await (await page.request.get(`${url}/api/admin/users`)).json()) as {
      users: { role: string; disabledAt: string | null }[];
    };
    if (all.users.filter((u) => u.role === 'admin' && !u.disabledAt).length === 1) {
      await users.row(ADMIN.email).getByRole('combobox').selectOption('lead');
      await page
        .getByTestId('users-error')
        .filter({ hasText: 'The shop needs at least one enabled admin.' })
        .waitFor();
      await expect.poll(() => users.row(ADMIN.email).getByRole('combobox').inputValue()).toBe('admin');
    }

    expect(await smallTargets(page.getByTestId('users'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-users-1440x900.png') });

    // ---- a tablet enrols (pairing code from the admin's session) and syncs ----
    const csrf = ((await (await page.request.get(`${url}/api/auth/session`)).json()) as { csrfToken: string })
      .csrfToken;
    const pairing = await page.request.post(`${url}/api/devices/pairing`, {
      headers: { 'x-printfloor-csrf': csrf },
    });
    expect(pairing.status()).toBe(201);
    const { code } = (await pairing.json()) as { code: string };
    const paired = await fetch(`${url}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: TABLET }),
    });
    expect(paired.status).toBe(201);
    const { token } = (await paired.json()) as { token: string };
    const pull = () =>
      fetch(`${url}/api/sync/printers/pull?seq=0&limit=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await pull()).status).toBe(200);

    // ---- rename it on the Tablets page ----
    await page.getByRole('link', { name: 'Tablets', exact: true }).click();
    const tablets = new TabletsPage(page);
    await tablets.row(TABLET).getByRole('button', { name: 'Rename' }).click();
    await tablets.row(TABLET).getByLabel(`New name for ${TABLET}`).fill(RENAMED);
    await tablets.row(TABLET).getByRole('button', { name: 'Save name' }).click();
    await tablets.row(RENAMED).waitFor();
    expect(await tablets.row(TABLET).count()).toBe(0);
    expect(await smallTargets(page.getByTestId('tablets-table'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-tablets-1440x900.png') });

    // ---- revoke asks first; Cancel keeps it, Yes revokes ----
    await tablets.row(RENAMED).getByRole('button', { name: 'Revoke' }).click();
    await tablets.row(RENAMED).getByRole('button', { name: 'Cancel' }).click();
    expect((await pull()).status).toBe(200);
    await tablets.row(RENAMED).getByRole('button', { name: 'Revoke' }).click();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-tablets-revoke-1440x900.png') });
    await tablets.row(RENAMED).getByRole('button', { name: 'Yes, revoke' }).click();
    await tablets.row(RENAMED).getByText('revoked', { exact: true }).waitFor();
    expect(await tablets.row(RENAMED).getByRole('button').count()).toBe(0);
    expect((await pull()).status).toBe(401);

    // ---- printer connection: the access code is write-only, the page only says "set" ----
    await page.getByRole('link', { name: 'Printer links', exact: true }).click();
    const first = page.getByTestId('connection-row').first();
    const printerCode = await first.getAttribute('data-code');
    const printer = page.locator(`[data-testid="connection-row"][data-code="${printerCode}"]`);
    const before = (
      (await (await page.request.get(`${url}/api/admin/printers`)).json()) as {
        printers: {
          printerId: string;
          code: string;
          serial: string;
          host: string | null;
          port: number | null;
        }[];
      }
    ).printers.find((p) => p.code === printerCode)!;
    await printer.getByRole('button', { name: 'Edit' }).click();
    await printer.getByLabel('Host').fill('192.168.50.7');
    await printer.getByLabel('Port').fill('8883');
    await printer.getByLabel('Serial').fill(`SER-${RUN}`);
    await printer.getByLabel(/Access code/).fill(ACCESS_CODE);
    expect(await smallTargets(printer)).toEqual([]);
    await printer.getByRole('button', { name: 'Save connection' }).click();
    await printer.getByText(`SER-${RUN}`).waitFor();
    expect(await printer.getByTestId('access-code-state').innerText()).toBe('set');
    expect(await page.content()).not.toContain(ACCESS_CODE);
    const listedPrinters = await (await page.request.get(`${url}/api/admin/printers`)).text();
    expect(listedPrinters).toContain(`SER-${RUN}`);
    expect(listedPrinters).not.toContain(ACCESS_CODE);
    // The admin tabs fit: nothing scrolls sideways at 1440 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      VIEWPORT.width,
    );
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-connections-1440x900.png') });
    // Leave the demo printer as it was (a Postgres may be shared with the relay's tests).
    const restore = await page.request.put(`${url}/api/admin/printers/${before.printerId}/connection`, {
      headers: { 'x-printfloor-csrf': csrf },
      data: { host: before.host, port: before.port, serial: before.serial, accessCode: null },
    });
    expect(restore.status()).toBe(200);

    // With the admin tabs the section bar still fits a landscape and a portrait tablet.
    for (const size of [
      { width: 1280, height: 800 },
      { width: 800, height: 1280 },
    ]) {
      await page.setViewportSize(size);
      const nav = page.getByRole('navigation', { name: 'Manager sections' });
      expect(
        await nav.evaluate((el) => el.scrollWidth - el.clientWidth),
        `${size.width}`,
      ).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: join(ARTIFACTS_DIR, `admin-connections-${size.width}x${size.height}.png`),
      });
    }

    await checkAuditLog(page, url, server!.demoToken!, printerCode!);

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
