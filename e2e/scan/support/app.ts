import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CollectionName, DocOf } from '@printfloor/shared';
import { push } from '../../browser/floor-seed.ts';
import { AppShell } from '../../page-models/app-shell.ts';
import { pullAll } from '../../support/api.ts';
import { ARTIFACTS_DIR } from '../../support/paths.ts';
import { launchChromium } from './browser.ts';
import {
  disposeServer,
  newServerEnv,
  startServer,
  type ServerEnv,
  type TestServer,
} from '../../support/server.ts';

/**
 * The REAL app for the scan e2e (not the harness page): the built client served by the real
 * server with the demo farm, an enrolled tablet in Chromium, and test records pushed through the
 * sync API the way a manager's device would.
 */
export interface ScanApp {
  env: ServerEnv;
  server: TestServer;
  url: string;
  token: string;
  enrolUrl: string;
  stop(): Promise<void>;
}

export async function startScanApp(): Promise<ScanApp> {
  const env = await newServerEnv();
  const server = await startServer(env, { demo: true });
  if (!server.enrolUrl || !server.demoToken) {
    await disposeServer(server, env);
    throw new Error(`the demo server printed no enrol link:\n${server.output()}`);
  }
  return {
    env,
    server,
    url: server.url,
    token: server.demoToken,
    enrolUrl: server.enrolUrl,
    stop: () => disposeServer(server, env),
  };
}

type Doc = Record<string, unknown> & { id: string };

const meta = () => ({
  id: randomUUID(),
  updatedAt: new Date().toISOString(),
  updatedBy: 'e2e-scan',
  serverUpdatedAt: null,
});

export function spoolDoc(fields: Partial<DocOf<'spools'>> & { code: string }): DocOf<'spools'> {
  return {
    ...meta(),
    material: 'PETG',
    colorName: 'Signal Orange',
    colorHex: '#F27A1A',
    brand: 'Prusament',
    diameterMm: 1.75,
    netWeightG: 1000,
    tareWeightG: 201,
    lot: 'L-1',
    location: 'Shelf S',
    status: 'active',
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt: '2026-01-01',
    notes: '',
    ...fields,
  };
}

export function printerDoc(fields: Partial<DocOf<'printers'>> & { code: string }): DocOf<'printers'> {
  return {
    ...meta(),
    name: `E2E ${fields.code}`,
    brand: 'Voron Design',
    protocol: 'printfloor',
    model: 'Voron 2.4',
    serial: fields.code,
    location: 'Scan bay',
    workCenterId: '',
    slots: 1,
    active: true,
    notes: '',
    ...fields,
  };
}

export async function seed(app: ScanApp, collection: CollectionName, docs: Doc[]): Promise<void> {
  await push(app.url, app.token, collection, docs);
}

/** Deletes a document the way a manager's device does: a tombstone over the server's current state. */
export async function tombstone(app: ScanApp, collection: CollectionName, id: string): Promise<void> {
  const current = (await pullAll(app.url, app.token, collection)).find((d) => d.id === id);
  if (!current) throw new Error(`no ${collection} ${id} on the server`);
  const rows = [
    {
      assumedMasterState: current,
      newDocumentState: { ...current, _deleted: true, updatedAt: new Date().toISOString() },
    },
  ];
  const res = await fetch(`${app.url}/api/sync/${collection}/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(rows),
  });
  if (!res.ok) throw new Error(`delete ${collection}: HTTP ${res.status} ${await res.text()}`);
  const conflicts = (await res.json()) as unknown[];
  if (conflicts.length > 0) throw new Error(`delete ${collection}: conflict ${JSON.stringify(conflicts)}`);
}

/** Live documents per collection on the server (GET /api/sync/counts). */
export async function serverCounts(app: ScanApp): Promise<Record<string, number>> {
  const res = await fetch(`${app.url}/api/sync/counts`, {
    headers: { Authorization: `Bearer ${app.token}` },
  });
  if (!res.ok) throw new Error(`counts: HTTP ${res.status}`);
  return ((await res.json()) as { counts: Record<string, number> }).counts;
}

export async function people(app: ScanApp): Promise<DocOf<'people'>[]> {
  return (await pullAll(app.url, app.token, 'people')) as unknown as DocOf<'people'>[];
}

/**
 * Every toast the page shows, recorded as it appears (they go after 2.5 s): `window.__toasts`.
 * Installed before any page script, so the first message of a new page is not missed either.
 */
export async function recordToasts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __toasts: string[] };
    w.__toasts = [];
    const seen = new WeakSet<Node>();
    const grab = () => {
      document.querySelectorAll('[data-testid="toast"]').forEach((el) => {
        const text = el.textContent ?? '';
        const last = w.__toasts.at(-1);
        if (!seen.has(el) || last !== text) {
          seen.add(el);
          if (last !== text) w.__toasts.push(text);
        }
      });
    };
    new MutationObserver(grab).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

export function toasts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts.slice());
}

export async function clearToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __toasts: string[] }).__toasts.length = 0;
  });
}

/** Opens the enrol link and waits until the tablet holds the farm. */
export async function enrol(page: Page, app: ScanApp): Promise<AppShell> {
  await page.goto(app.enrolUrl);
  const shell = new AppShell(page);
  await shell.waitForSync('synced', 0, 90_000);
  return shell;
}

export const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
  { width: 390, height: 844 },
] as const;

/** Screenshots at the landscape tablet, portrait tablet and phone sizes, back to the first size after. */
export async function shootSizes(page: Page, name: string, settleMs = 300): Promise<string[]> {
  const paths: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(settleMs);
    const path = join(ARTIFACTS_DIR, `scan-app-${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    paths.push(path);
  }
  await page.setViewportSize(SIZES[0]);
  return paths;
}

export async function newTablet(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: SIZES[0] });
  await recordToasts(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(m.text()))
      console.log('browser console:', m.text());
  });
  return { context, page, errors };
}

type OnFailed = (fn: (ctx: { task: { name: string } }) => Promise<void>) => void;

/**
 * A screenshot of `page` when the test fails (e2e/artifacts/scan-app-failure-<name>.png). Call it in
 * a test, or pass a `beforeEach` context's `onTestFailed`.
 */
export function shootOnFailure(page: Page, register: OnFailed = onTestFailed): void {
  register(async ({ task }) => {
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page
      .screenshot({ path: join(ARTIFACTS_DIR, `scan-app-failure-${name}.png`) })
      .catch(() => undefined);
  });
}

/** The real app with one enrolled tablet, shared by the tests of a describe block. */
export interface EnrolledTablet {
  app: ScanApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  shell: AppShell;
  /** Uncaught errors of the page (the tests check there were none). */
  errors: string[];
}

/**
 * Starts the app, lets `prepare` seed it (before the tablet enrols, so the tablet's first sync holds
 * the seed), launches Chromium and enrols one tablet. Whatever started is stopped again on failure.
 */
export async function openEnrolledTablet(
  prepare: (app: ScanApp) => Promise<void> = () => Promise.resolve(),
): Promise<EnrolledTablet> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const app = await startScanApp();
  let browser: Browser | undefined;
  try {
    await prepare(app);
    browser = await launchChromium();
    const { context, page, errors } = await newTablet(browser);
    const shell = await enrol(page, app);
    return { app, browser, context, page, shell, errors };
  } catch (err) {
    await browser?.close();
    await app.stop();
    throw err;
  }
}

export async function closeEnrolledTablet(tablet: EnrolledTablet | undefined): Promise<void> {
  await tablet?.context.close();
  await tablet?.browser.close();
  await tablet?.app.stop();
}
