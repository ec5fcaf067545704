/**
 * Where a new tablet's first sync spends its time (issue 9): the demo farm scaled to N documents,
 * an unminified production build, Chromium's CPU profiler (CDP `Profiler`) from navigation to the
 * last document stored. Prints self time by function and by source file; writes the raw
 * `.cpuprofile` (open it in DevTools → Performance) next to the other e2e artifacts.
 *
 *   pnpm --filter @printfloor/e2e exec tsx tools/first-sync-profile.ts [docs=20000]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../pwa/support/browser.ts';
import { disposeServer, newServerEnv, startServer } from '../support/server.ts';
import { scaleFarm, storedCount } from '../pwa/support/scale.ts';
import { ARTIFACTS_DIR, REPO_ROOT } from '../support/paths.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const target = Number(process.argv[2] ?? 20_000);
const outDir = mkdtempSync(join(tmpdir(), 'printfloor-client-profile-'));
execFileSync(
  join(REPO_ROOT, 'client', 'node_modules', '.bin', 'vite'),
  ['build', '--outDir', outDir, '--emptyOutDir', '--minify', 'false', '--logLevel', 'warn'],
  {
    cwd: join(REPO_ROOT, 'client'),
    env: { ...process.env, NODE_ENV: 'production', PRINTFLOOR_BUILD_ID: 'profile' },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const site = await newServerEnv();
const server = await startServer(site, { demo: true, clientDist: outDir });
const browser = await launchBrowser();
try {
  const docs = await scaleFarm(server, target);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Counts IndexedDB requests by store and method, with the synchronous time spent issuing them.
  await page.addInitScript(`(() => {
    const stats = (window.__idb = {});
    for (const m of ['put', 'add', 'get', 'getAll', 'getAllKeys', 'count', 'delete', 'openCursor', 'openKeyCursor']) {
      for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
        const orig = proto[m];
        if (!orig) continue;
        proto[m] = function (...args) {
          const store = (this.objectStore ? this.objectStore.transaction.db.name : this.transaction.db.name).replace(/^rxdb-dexie-[^-]*--\\d+--/, '');
          const key = store + ' ' + (proto === IDBIndex.prototype ? 'index.' : '') + m;
          const t = performance.now();
          try { return orig.apply(this, args); } finally {
            const s = (stats[key] ||= { n: 0, ms: 0 });
            s.n++; s.ms += performance.now() - t;
          }
        };
      }
    }
    const tx = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const s = (stats['tx ' + this.name.replace(/^rxdb-dexie-[^-]*--\\d+--/, '')] ||= { n: 0, ms: 0 });
      s.n++;
      return tx.apply(this, args);
    };
  })()`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(server.enrolUrl!);
  while ((await storedCount(page)) < docs) {
    if (Date.now() - t0 > 300_000) throw new Error('first sync did not finish in 5 min');
    await page.waitForTimeout(100);
  }
  const ms = Date.now() - t0;
  // The network side of the same run: every API request, relative to navigation start.
  const api = await page.evaluate<{ name: string; start: number; end: number }[]>(`performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/'))
    .map((e) => ({ name: new URL(e.name).pathname + new URL(e.name).search, start: e.startTime, end: e.responseEnd }))`);
  const idb = await page.evaluate(
    () => (window as unknown as { __idb: Record<string, { n: number; ms: number }> }).__idb,
  );
  for (const [k, v] of Object.entries(idb)
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, 40))
    console.log(`${String(v.n).padStart(7)} requests ${v.ms.toFixed(0).padStart(6)} ms  ${k}`);
  for (const r of api)
    console.log(`${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)} ms  ${r.name}`);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(join(ARTIFACTS_DIR, 'first-sync.cpuprofile'), JSON.stringify(profile));

  // Self time per node from the samples and their time deltas.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of profile.nodes) {
    const t = self.get(n.id) ?? 0;
    const file = n.callFrame.url.split('/').pop() || '(native)';
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    byFile.set(file, (byFile.get(file) ?? 0) + t);
  }
  // Inclusive time per function name (each sample counted once per distinct name on its stack).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const incl = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = nodeById.get(cur)!;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, t]) => `${t.toFixed(0).padStart(7)} ms  ${name}`)
      .join('\n');
  console.log(`first sync of ${docs} documents: ${ms} ms (profiled)\n`);
  console.log(`self time by file:\n${top(byFile, 12)}\n`);
  console.log(`self time by function:\n${top(byFn, 40)}\n`);
  console.log(`inclusive time by function:\n${top(incl, 60)}`);
} finally {
  await browser.close();
  await disposeServer(server, site);
  rmSync(outDir, { recursive: true, force: true });
}
