import { randomUUID } from 'node:crypto';
import { chromium, type Page } from 'playwright-core';
import type { CollectionName, DocOf } from '@printfloor/shared';
import { push } from '../browser/floor-seed.ts';
import { MOVES_PER_SPOOL, pushSpoolScale, SPOOL_COUNT, spoolScale } from '../browser/spools-scale-seed.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.ts';
import buildClientIfStale from '../support/global-setup.ts';
import {
  createTenantWithDevices,
  disposeServer,
  newServerEnv,
  startServer,
  type ServerEnv,
  type TestServer,
} from '../support/server.ts';

/**
 * Issue 3's floor bench: the time from tapping "complete" (the completion panel's button) to the
 * station screen showing the next step to start, median over 50 taps, in Chromium, with 5,000
 * work orders (15,000 routing steps) in the tablet's local database — the built app served by the
 * real server, replication running.
 *
 * Timed in the page: a capture-phase listener stamps the tap, a MutationObserver sees the big
 * button offer the next work order, and one requestAnimationFrame later counts as "shown" (the
 * frame that paints it). Baseline in the same page: a bare IndexedDB put of one step-event-sized
 * record in its own transaction — the floor of any durable local write.
 */

import type { BenchResult } from './bench-result.ts';

export type { BenchResult } from './bench-result.ts';

const WORK_ORDERS = 5000;
const PRINTERS = 20;
const TAPS = 50;
const BATCH = 400;

type Doc = Record<string, unknown> & { id: string };

const meta = (at: string) => ({ id: randomUUID(), updatedAt: at, updatedBy: 'bench', serverUpdatedAt: null });

/** 5,000 released work orders of three steps; the bench printer gets the 60 most urgent print steps. */
function farm(at: string) {
  const center = (
    code: string,
    name: string,
    kind: DocOf<'work_centers'>['kind'],
  ): DocOf<'work_centers'> => ({ ...meta(at), code, name, kind, active: true });
  const centers = [
    center('WC-PRINT', 'Print farm', 'print'),
    center('WC-POST', 'Post-processing', 'post_process'),
    center('WC-QC', 'QC', 'qc'),
  ];
  const [wcPrint, wcPost, wcQc] = centers.map((c) => c.id) as [string, string, string];
  const printers: DocOf<'printers'>[] = Array.from({ length: PRINTERS }, (_, i) => ({
    ...meta(at),
    code: `PR-${String(i + 1).padStart(3, '0')}`,
    name: `Printer ${i + 1}`,
    brand: 'Bambu Lab',
    protocol: 'bambu',
    model: 'X1C',
    serial: `S${i}`,
    location: `Rack ${i}`,
    workCenterId: wcPrint,
    slots: 4,
    active: true,
    notes: '',
  }));
  const person: DocOf<'people'> = {
    ...meta(at),
    displayName: 'Bench Operator',
    badgeCode: 'EMP-BENCH',
    role: 'operator',
    active: true,
  };
  const part: DocOf<'parts'> = {
    ...meta(at),
    code: 'PT-0001',
    drawingNumber: 'D-1',
    revision: 'A',
    description: 'Bracket',
    material: 'PLA',
    colorHex: null,
    gramsPerPart: 20,
    printMinutes: 60,
    notes: '',
    routing: [],
  };
  const workOrders: DocOf<'work_orders'>[] = [];
  const ops: DocOf<'operations'>[] = [];
  for (let i = 0; i < WORK_ORDERS; i++) {
    const bench = i < TAPS + 10;
    const wo: DocOf<'work_orders'> = {
      ...meta(at),
      code: `WO-B-${String(i).padStart(5, '0')}`,
      partId: part.id,
      title: `${(i % 40) + 1} × Bracket`,
      qtyOrdered: (i % 40) + 1,
      qtyCompleted: 0,
      qtyScrapped: 0,
      status: 'released',
      onHold: false,
      priority: bench ? 1 : 2 + (i % 4),
      dueDate: `2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      customerName: `Customer ${i % 97}`,
      poNumber: `PO-${i}`,
      lineRef: '10',
      materialHint: 'PLA',
      notes: '',
      createdAt: at,
    };
    const printerId = bench ? printers[0]!.id : printers[1 + (i % (PRINTERS - 1))]!.id;
    const op = (sequence: number, name: string, wc: string, p = ''): DocOf<'operations'> => ({
      ...meta(at),
      workOrderId: wo.id,
      sequence,
      code: `OP${sequence}`,
      name,
      workCenterId: wc,
      plannedSetupMinutes: 5,
      plannedRunMinutes: 60,
      printerId: p,
      notes: '',
    });
    workOrders.push(wo);
    ops.push(op(10, 'Print', wcPrint, printerId), op(20, 'Remove supports', wcPost), op(30, 'Inspect', wcQc));
  }
  return { centers, printers, person, part, workOrders, ops };
}

async function seed(url: string, token: string): Promise<void> {
  const f = farm(new Date().toISOString());
  const all: [CollectionName, Doc[]][] = [
    ['work_centers', f.centers],
    ['printers', f.printers],
    ['people', [f.person]],
    ['parts', [f.part]],
    ['work_orders', f.workOrders],
    ['operations', f.ops],
  ];
  for (const [name, docs] of all) {
    for (let i = 0; i < docs.length; i += BATCH) await push(url, token, name, docs.slice(i, i + BATCH));
  }
}

/**
 * In-page code is passed as source text: tsx (esbuild keepNames) would wrap a function with a
 * `__name` helper the page does not have.
 */
const TAP_COMPLETE = `(prev) => new Promise((resolve, reject) => {
  const save = document.querySelector('[data-testid="step-panel"] [data-testid="panel-save"]');
  if (!save) return reject(new Error('no completion panel'));
  let t0 = 0;
  const shown = () => {
    const next = document.querySelector('[data-testid="next-thing"][data-kind="start"]');
    return next !== null && next.getAttribute('data-wo-code') !== prev;
  };
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  window.addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
  save.click();
  setTimeout(() => reject(new Error('the next step never showed')), 10000);
})`;

const RAW_PUTS = `(count) => new Promise((resolve, reject) => {
  const open = indexedDB.open('bench-baseline-' + Date.now(), 1);
  open.onupgradeneeded = () => open.result.createObjectStore('events', { keyPath: 'id' });
  open.onerror = () => reject(open.error || new Error('open failed'));
  open.onsuccess = async () => {
    const db = open.result;
    const out = [];
    for (let i = 0; i < count; i++) {
      const record = { id: 'e' + i + '-' + Math.random(), workOrderId: 'w', operationId: 'o', type: 'complete', at: new Date().toISOString(), qtyGood: 4, qtyScrap: 0, note: '' };
      const t0 = performance.now();
      await new Promise((done, fail) => {
        const tx = db.transaction('events', 'readwrite');
        tx.objectStore('events').put(record);
        tx.oncomplete = () => done();
        tx.onerror = () => fail(tx.error || new Error('put failed'));
      });
      out.push(performance.now() - t0);
    }
    db.close();
    resolve(out);
  };
})`;

/**
 * A tap on "Spools" in the section bar → (first) the first spool row drawn WITH its remaining grams
 * and (all) every spool's ledger folded, so the level filters answer; ms, measured in the page.
 */
const OPEN_SPOOLS = `() => new Promise((resolve, reject) => {
  const link = [...document.querySelectorAll('nav[aria-label="Sections"] a')].find((a) => a.getAttribute('aria-label') === 'Spools');
  if (!link) return reject(new Error('no Spools link'));
  let t0 = 0;
  let first = 0;
  const firstShown = () => {
    const cell = document.querySelector('[data-testid="spool-row"] [data-testid="spool-remaining"]');
    return cell !== null && /\\d\\s?g/.test(cell.textContent || '');
  };
  const allFolded = () => document.querySelector('[data-testid="spool-count"][data-ledgers="ready"]') !== null;
  const check = () => {
    if (!first && firstShown()) first = performance.now() - t0;
    if (!first || !allFolded()) return;
    observer.disconnect();
    const all = performance.now() - t0;
    requestAnimationFrame(() => resolve({ first: first, all: all }));
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  window.addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
  link.click();
  setTimeout(() => reject(new Error('the spool list never showed its figures')), 120000);
})`;

/** The same data read raw: every document of the tablet's spools and spool_movements stores (getAll). */
const RAW_SPOOL_READ = `() => new Promise(async (resolve, reject) => {
  const names = (await indexedDB.databases()).map((d) => d.name || '');
  const stores = ['spools', 'spool_movements'].map((c) => names.find((n) => n.startsWith('rxdb-dexie-') && n.endsWith('--' + c)));
  if (stores.some((s) => !s)) return reject(new Error('no spool stores'));
  const t0 = performance.now();
  let rows = 0;
  for (const name of stores) {
    rows += await new Promise((done, fail) => {
      const open = indexedDB.open(name);
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('docs').objectStore('docs').getAll();
        req.onsuccess = () => { open.result.close(); done(req.result.length); };
        req.onerror = () => fail(req.error);
      };
    });
  }
  resolve({ ms: performance.now() - t0, rows });
})`;

/** One tap on the completion panel's button → the next step offered; ms, measured in the page. */
function tapCompleteAndWait(page: Page, previousWo: string): Promise<number> {
  return page.evaluate<number>(`(${TAP_COMPLETE})(${JSON.stringify(previousWo)})`);
}

/** A bare IndexedDB put of one record (own database, own transaction, awaited to commit); ms each. */
function rawPuts(page: Page, n: number): Promise<number[]> {
  return page.evaluate<number[]>(`(${RAW_PUTS})(${n})`);
}

const SPOOL_REOPENS = 10;

/**
 * Issue 3's "every list usable with 5,000 rows" for spools: 5,000 spools with 50,000 ledger rows
 * synced to the bench tablet, then the list opened from the section bar: the first open (the ledger
 * index reads every movement) and reopenings, against a raw IndexedDB read of the same stores.
 */
async function spoolListFigures(
  page: Page,
  url: string,
  token: string,
): Promise<{ cold: number; coldAll: number; warm: number; raw: number }> {
  const t = Date.now();
  await pushSpoolScale(url, token, spoolScale());
  await page.waitForSelector('[data-testid="sync-indicator"][data-state="synced"][data-pending="0"]', {
    timeout: 300_000,
  });
  await page.waitForFunction(
    `(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name || '');
      const name = names.find((n) => n.startsWith('rxdb-dexie-') && n.endsWith('--spool_movements'));
      if (!name) return false;
      return await new Promise((done) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const req = open.result.transaction('docs').objectStore('docs').count();
          req.onsuccess = () => { open.result.close(); done(req.result >= ${SPOOL_COUNT * MOVES_PER_SPOOL}); };
        };
      });
    })()`,
    undefined,
    { timeout: 300_000, polling: 500 },
  );
  console.log(
    `floor bench: ${SPOOL_COUNT} spools + ${SPOOL_COUNT * MOVES_PER_SPOOL} movements synced in ${Date.now() - t} ms`,
  );
  const openStation = () =>
    page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Station', exact: true })
      .click();
  await openStation();
  type Open = { first: number; all: number };
  const cold = await page.evaluate<Open>(`(${OPEN_SPOOLS})()`);
  const warm: number[] = [];
  for (let i = 0; i < SPOOL_REOPENS; i++) {
    await openStation();
    await page.getByTestId('station').waitFor();
    warm.push((await page.evaluate<Open>(`(${OPEN_SPOOLS})()`)).first);
  }
  const raw = await page.evaluate<{ ms: number; rows: number }>(`(${RAW_SPOOL_READ})()`);
  console.log(
    `floor bench: spool list first open: rows ${Math.round(cold.first)} ms, every ledger ${Math.round(cold.all)} ms; reopen (ms) ${warm.map(Math.round).join(' ')}, raw read of ${raw.rows} rows ${Math.round(raw.ms)} ms`,
  );
  return { cold: cold.first, coldAll: cold.all, warm: median(warm), raw: raw.ms };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function runFloorBench(): Promise<BenchResult[]> {
  if (!chromiumAvailable()) {
    console.warn(`floor bench SKIPPED: no Chromium at ${CHROMIUM_PATH}`);
    return [];
  }
  buildClientIfStale();
  let env: ServerEnv | null = null;
  let server: TestServer | null = null;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    env = await newServerEnv();
    const [token] = await createTenantWithDevices(env, 'bench', ['bench-tablet']);
    server = await startServer(env);
    const t = Date.now();
    await seed(server.url, token!);
    console.log(
      `floor bench: seeded ${WORK_ORDERS} work orders and ${WORK_ORDERS * 3} steps in ${Date.now() - t} ms`,
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const t1 = Date.now();
    await page.goto(`${server.url}/enrol#token=${token}`);
    await page.waitForSelector('[data-testid="sync-indicator"][data-state="synced"][data-pending="0"]', {
      timeout: 180_000,
    });
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Work orders', exact: true })
      .click();
    await page
      .locator('.vlist-count', { hasText: `of ${WORK_ORDERS} work orders` })
      .waitFor({ timeout: 180_000 });
    const firstSync = Date.now() - t1;
    console.log(`floor bench: the tablet holds ${WORK_ORDERS} work orders after ${firstSync} ms`);

    await page.getByTestId('station-chip').click();
    await page.locator('[data-testid="station-printer"][data-code="PR-001"]').click();
    await page
      .getByTestId('badge-input')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.getByTestId('operator-chip').click();
    await page.getByRole('menuitem', { name: /Someone else/ }).click();
    await page.getByTestId('badge-input').fill('EMP-BENCH');
    await page.getByTestId('badge-input').press('Enter');
    await page.getByTestId('station').waitFor();

    const samples: number[] = [];
    for (let i = 0; i < TAPS; i++) {
      const start = page.locator('[data-testid="next-thing"][data-kind="start"]');
      await start.waitFor({ timeout: 20_000 });
      const wo = (await start.getAttribute('data-wo-code')) ?? '';
      await start.click();
      await page.locator('[data-testid="next-thing"][data-kind="complete"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="next-thing"][data-kind="complete"]').click();
      await page.getByTestId('step-panel').waitFor();
      samples.push(await tapCompleteAndWait(page, wo));
    }
    const raw = await rawPuts(page, TAPS);
    const spools = await spoolListFigures(page, server.url, token!);
    const p50 = median(samples);
    const base = median(raw);
    console.log(`floor bench: complete → next step (ms): ${samples.map((x) => Math.round(x)).join(' ')}`);
    console.log(`floor bench: bare IndexedDB put (ms): median ${base.toFixed(2)}`);
    return [
      {
        name: `tap "complete" → station shows the next step, ${WORK_ORDERS} work orders local, median of ${TAPS}`,
        value: round(p50),
        unit: 'ms',
        baseline: round(base, 2),
        ratio: round(base / p50, 3),
        goal: '< 100 ms',
        met: p50 < 100,
      },
      {
        name: `tap "complete" → next step shown, p90 of ${TAPS}`,
        value: round(quantile(samples, 0.9)),
        unit: 'ms',
        goal: 'informational',
      },
      {
        name: 'bare IndexedDB put of one event record (own transaction), median of 50',
        value: round(base, 2),
        unit: 'ms',
        goal: 'baseline',
      },
      {
        name: `spool list: tap "Spools" → first rows with their folded grams, ${SPOOL_COUNT} spools + ${SPOOL_COUNT * MOVES_PER_SPOOL} ledger rows, first open`,
        value: round(spools.cold),
        unit: 'ms',
        baseline: round(spools.raw),
        ratio: round(spools.raw / spools.cold, 3),
        goal: 'baseline: raw IndexedDB getAll of the same spools and movements, same page',
      },
      {
        name: `spool list: same first open → every ledger folded (level filters ready)`,
        value: round(spools.coldAll),
        unit: 'ms',
        baseline: round(spools.raw),
        ratio: round(spools.raw / spools.coldAll, 3),
        goal: 'baseline: raw IndexedDB getAll of the same spools and movements, same page',
      },
      {
        name: `spool list: same, opened again (ledgers kept folded), median of ${SPOOL_REOPENS}`,
        value: round(spools.warm),
        unit: 'ms',
        goal: 'informational',
      },
      {
        name: `first sync of ${WORK_ORDERS} work orders + ${WORK_ORDERS * 3} steps to a new tablet`,
        value: firstSync,
        unit: 'ms',
        goal: 'informational',
      },
    ];
  } finally {
    await browser.close();
    await disposeServer(server, env);
  }
}
