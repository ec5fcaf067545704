import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { COLLECTION_NAMES, type CollectionName } from '@printfloor/shared';
import { chromiumAvailable } from '../support/chromium.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { bindStation, openHome, STATION_READY } from '../pwa/support/app.ts';
import { launchBrowser, waitForController } from '../pwa/support/browser.ts';
import { buildClient, removeBuild } from '../pwa/support/builds.ts';
import { disposeServer, newServerEnv, startServer, type TestServer } from '../support/server.ts';
import { scaleFarm, storedCount } from '../pwa/support/scale.ts';

/**
 * PWA figures (issue 9), in Debian's Chromium against the real server and a production build:
 * 1. the JavaScript the floor's first screen loads, gzipped (goal < 250 KB);
 * 2. navigation → station screen interactive, offline, from the service worker (goal < 1.5 s);
 * 3. first sync of the demo farm scaled to 20,000 documents into an empty tablet, against a plain
 *    Dexie bulkPut of the same documents in the same page (fetched the same way) — the ratio says
 *    what RxDB replication, the journal and the conflict handling cost over the raw store.
 */
import type { BenchResult } from './bench-result.ts';

export type { BenchResult } from './bench-result.ts';

const TARGET_DOCS = 20_000;
const OFFLINE_RUNS = 10;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export async function runPwaBench(): Promise<BenchResult[]> {
  if (!chromiumAvailable()) {
    console.warn('pwa bench SKIPPED: no Chromium');
    return [];
  }
  const dist = buildClient({ buildId: 'bench' });
  const site = await newServerEnv();
  const server = await startServer(site, { demo: true, clientDist: dist });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openHome(page, server.enrolUrl!);
    await waitForController(page);
    await bindStation(page);

    const js = await initialJs(page, server.url, dist);
    const offline = await offlineStart(page, server.url);
    await context.close();

    const sync = await firstSync(browser, server);
    return [
      {
        name: `initial JS of the floor's first screen (${js.files} files), gzipped`,
        value: round(js.kb),
        unit: 'KB',
        goal: '< 250 KB',
        met: js.kb < 250,
      },
      {
        name: `navigation → station screen interactive, offline from the service worker, median of ${OFFLINE_RUNS}`,
        value: Math.round(offline.median),
        unit: 'ms',
        goal: '< 1500 ms',
        met: offline.median < 1500,
      },
      { name: 'same, slowest run', value: Math.round(offline.max), unit: 'ms', goal: 'informational' },
      {
        name: `first sync of ${sync.docs} documents into an empty tablet (enrol → all stored)`,
        value: Math.round(sync.ours),
        unit: 'ms',
        baseline: Math.round(sync.baseline),
        ratio: round(sync.baseline / sync.ours, 3),
        goal: 'report the ratio (baseline: fetch + Dexie bulkPut, same page)',
      },
    ];
  } finally {
    await browser.close();
    await disposeServer(server, site);
    removeBuild(dist);
  }
}

/**
 * Every script the page had loaded when the station screen appeared (entry + static and lazy
 * chunks; not the other screens preloaded later), each gzipped as a server would send it.
 */
async function initialJs(page: Page, url: string, dist: string): Promise<{ kb: number; files: number }> {
  // Recorded in the page at the moment the station screen enters the DOM.
  await page.addInitScript(`(() => {
    const obs = new MutationObserver(() => {
      if (!document.querySelector('${STATION_READY}')) return;
      obs.disconnect();
      window.__scriptsAtStation = performance.getEntriesByType('resource').map((e) => e.name);
    });
    obs.observe(document, { childList: true, subtree: true });
  })()`);
  await page.goto(url);
  await page.locator(STATION_READY).waitFor();
  const names = await page.evaluate(
    () => (window as unknown as { __scriptsAtStation: string[] }).__scriptsAtStation,
  );
  const paths = names.map((n) => new URL(n).pathname).filter((p) => p.endsWith('.js'));
  const entry = await page.evaluate(
    () => new URL(document.querySelector<HTMLScriptElement>('script[type="module"]')!.src).pathname,
  );
  const files = [...new Set([entry, ...paths])].filter((p) => p.startsWith('/assets/'));
  const bytes = files.reduce((sum, p) => sum + gzipSync(readFileSync(join(dist, p)), { level: 9 }).length, 0);
  return { kb: bytes / 1024, files: files.length };
}

/** The tablet restarts the app with no network: navigation start → station screen drawn with its data. */
async function offlineStart(page: Page, url: string): Promise<{ median: number; max: number }> {
  await page.context().setOffline(true);
  const times: number[] = [];
  for (let i = 0; i < OFFLINE_RUNS + 1; i++) {
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(STATION_READY).waitFor({ timeout: 30_000 });
    // performance.now() counts from this navigation's start; one CDP round trip late at most.
    const t = await page.evaluate(() => performance.now());
    if (i > 0) times.push(t); // the first run warms Chromium's own caches after the setup navigations
  }
  await page.context().setOffline(false);
  return { median: median(times), max: Math.max(...times) };
}

async function firstSync(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  server: TestServer,
): Promise<{ docs: number; ours: number; baseline: number }> {
  const docs = await scaleFarm(server, TARGET_DOCS);
  // bypassCSP: the baseline injects Dexie as an inline script, which the app's CSP rightly forbids.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  try {
    const t0 = Date.now();
    await page.goto(server.enrolUrl!);
    for (;;) {
      if ((await storedCount(page)) >= docs) break;
      if (Date.now() - t0 > 300_000)
        throw new Error(`first sync did not finish in 5 min (${await storedCount(page)} of ${docs})`);
      await page.waitForTimeout(100);
    }
    const ours = Date.now() - t0;
    const baseline = await dexieBaseline(page, server.demoToken!);
    return { docs, ours, baseline };
  } finally {
    await context.close();
  }
}

/** The same documents, fetched page by page as the sync does, into plain Dexie tables with bulkPut. */
async function dexieBaseline(page: Page, token: string): Promise<number> {
  await page.addScriptTag({
    content: readFileSync(join(REPO_ROOT, 'e2e', 'node_modules', 'dexie', 'dist', 'dexie.min.js'), 'utf8'),
  });
  return page.evaluate(
    async ({ names, token }: { names: CollectionName[]; token: string }) => {
      type DexieCtor = new (name: string) => {
        version(n: number): { stores(s: Record<string, string>): void };
        open(): Promise<void>;
        table(n: string): { bulkPut(docs: unknown[]): Promise<unknown> };
        delete(): Promise<void>;
      };
      const Dexie = (window as unknown as { Dexie: DexieCtor }).Dexie;
      const db = new Dexie(`baseline-${Date.now()}`);
      db.version(1).stores(Object.fromEntries(names.map((n) => [n, 'id'])));
      const t0 = performance.now();
      await db.open();
      await Promise.all(
        names.map(async (name) => {
          for (let seq = 0; ;) {
            const res = await fetch(`/api/sync/${name}/pull?seq=${seq}&limit=1000`, {
              headers: { Authorization: `Bearer ${token}` },
            });
            const body = (await res.json()) as { documents: unknown[]; checkpoint: { seq: number } };
            await db.table(name).bulkPut(body.documents);
            if (body.documents.length < 1000) break;
            seq = body.checkpoint.seq;
          }
        }),
      );
      const ms = performance.now() - t0;
      await db.delete();
      return ms;
    },
    { names: COLLECTION_NAMES, token },
  );
}
