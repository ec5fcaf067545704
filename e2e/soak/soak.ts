// The floor soak (issue 8): a simulated print floor against the real server, with chaos, and an
// automatic verdict. Used by soak.test.ts (CI size), soak.bench.ts (`pnpm bench`) and run-soak.ts
// (`pnpm --filter @printfloor/e2e soak -- --long`). See README.md beside this file.
import { rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SyncStatus } from '../../client/src/data/sync-status.ts';
import { nodeTablet, type NodeTablet } from '../support/node-client.ts';
import { ChaosProxy } from './chaos-proxy.ts';
import { SoakBroker } from './mosquitto.ts';
import { Ledger, rawOperator, rxOperator, type OperatorOptions } from './operators.ts';
import { PrinterFleet, relaySnapshot } from './printer-fleet.ts';
import { RawTablet, SOAK_COLLECTIONS, type SoakCollection } from './raw-tablet.ts';
import { ServerProcess } from './server-process.ts';
import { enrol, restartPostgres, scratchDatabase, seedFarm, soakEnv } from './soak-setup.ts';
import { makeFarm } from './workload.ts';
import { buildReport, warmupMs, type Faults, type Probe, type SoakReport } from './soak-report.ts';

export interface SoakOptions {
  tablets: number;
  /** How many tablets run the real RxDB data layer: ≤ 3, since RxDB's open-source edition caps open collections per process (about 14; each tablet opens 3 + its journal). */
  rxTablets: number;
  /**
   * The RxDB tablets' storage: `dexie` (the app's, on fake-indexeddb) or `memory` (RxDB's memory
   * storage; the long run's default — fake-indexeddb's cursors make replication quadratic at 30k documents).
   */
  rxStorage: 'dexie' | 'memory';
  printers: number;
  seconds: number;
  /** Mean pause between two actions of one operator. */
  thinkMs: number;
  /** The relay's silence timeout, given to the server as PRINTER_OFFLINE_AFTER_MS. */
  offlineAfterMs: number;
  log: (msg: string) => void;
}

export const RX_COLLECTIONS = [
  'work_orders',
  'step_events',
  'spool_movements',
] as const satisfies readonly SoakCollection[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often the server's live memory (after a forced GC) is sampled during the shift. */
const LIVE_SAMPLE_MS = 10_000;

/** Runs one soak and returns its figures and verdict (problems is empty when it passed). */
export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const run = Date.now().toString(36);
  const baseDb = process.env.DATABASE_URL || undefined;
  const db = baseDb ? await scratchDatabase(baseDb, `printfloor_soak_${run}`) : null;
  const broker = await SoakBroker.create();
  const env = await soakEnv(db?.url);
  const tokens = await enrol(
    env,
    `soak-${run}`,
    o.rxTablets,
    Math.min(4, Math.max(1, o.tablets - o.rxTablets)),
  );
  const server = new ServerProcess(env, broker.url, o.offlineAfterMs);
  await server.start();
  const direct = `http://127.0.0.1:${env.port}`;
  const proxy = await ChaosProxy.start(env.port, { dropResponse: 0.05, replay: 0.1, replayDelayMs: 3000 });
  const farm = makeFarm(run, o.printers, Math.max(10, o.tablets), Math.max(10, o.tablets));
  const rx: NodeTablet[] = [];
  const raw: RawTablet[] = [];
  let fleet: PrinterFleet | null = null;
  try {
    await seedFarm(direct, tokens.seeder, farm);
    o.log(
      `seeded ${farm.workOrders.length} work orders, ${farm.spools.length} spools, ${farm.printers.length} printers`,
    );
    fleet = await PrinterFleet.start(
      broker.url,
      farm.printers.map((p) => p.code),
    );
    const probe: Probe = { latencies: [], faultWindows: [], live: [], lag: [] };
    const sentAt = new Map<string, number>();
    const observer = new RawTablet({
      name: 'observer',
      baseUrl: proxy.url,
      token: tokens.observer,
      pullGapMs: 0,
      onSeen: (_c, id) => seen(id),
    });
    const seen = (id: string) => {
      const t0 = sentAt.get(id);
      if (t0 !== undefined) probe.latencies.push({ at: Date.now(), ms: Math.max(0, Date.now() - t0) });
    };
    for (let i = 0; i < o.rxTablets; i++)
      rx.push(await rxTablet(proxy.url, tokens.rx[i]!, `soak-${run}`, direct, o.rxStorage));
    for (let i = 0; i < o.tablets - o.rxTablets; i++) {
      raw.push(
        new RawTablet({
          name: `raw-${i}`,
          baseUrl: proxy.url,
          token: tokens.pool[i % tokens.pool.length]!,
          pullGapMs: 1000,
          firstSentAt: sentAt,
        }),
      );
    }
    await Promise.all([observer, ...raw].map((t) => t.settle(60_000)));
    const loops = [observer, ...raw].map((t) => t.run());
    const ledger = new Ledger();
    const { faults, startedAt } = await drive({
      o,
      farm,
      ledger,
      raw,
      rx,
      fleet,
      server,
      broker,
      proxy,
      probe,
      usePostgres: db !== null,
      run,
    });
    return await finish({
      o,
      ledger,
      raw,
      rx,
      observer,
      loops,
      fleet,
      server,
      proxy,
      probe,
      faults,
      startedAt,
      direct,
      token: tokens.seeder,
      farm,
      run,
    });
  } finally {
    for (const t of raw) t.stop();
    await Promise.allSettled(rx.map((t) => t.client.close()));
    await fleet?.stop();
    await proxy.close();
    await server.stop();
    await broker.dispose();
    await db?.drop();
    await rm(env.dataDir, { recursive: true, force: true });
  }
}

async function rxTablet(
  baseUrl: string,
  token: string,
  slug: string,
  direct: string,
  storage: SoakOptions['rxStorage'],
): Promise<NodeTablet> {
  const me = (await (
    await fetch(`${direct}/api/me`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as { device: { id: string } };
  return nodeTablet({
    baseUrl,
    token,
    deviceId: me.device.id,
    tenantSlug: slug,
    collections: RX_COLLECTIONS,
    storage,
  });
}

interface DriveContext {
  o: SoakOptions;
  farm: ReturnType<typeof makeFarm>;
  ledger: Ledger;
  raw: RawTablet[];
  rx: NodeTablet[];
  fleet: PrinterFleet;
  server: ServerProcess;
  broker: SoakBroker;
  proxy: ChaosProxy;
  probe: Probe;
  usePostgres: boolean;
  run: string;
}

/** The shift itself: operators work while the chaos schedule runs; returns the faults injected. */
async function drive(c: DriveContext): Promise<{ faults: Faults; startedAt: number }> {
  const { o } = c;
  const start = Date.now();
  // The harness's own event-loop delay, p99 per second: the latencies are only the server's when this stays low.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const lagSampler = setInterval(() => {
    c.probe.lag.push({ at: Date.now(), ms: loop.percentile(99) / 1e6 });
    loop.reset();
  }, 1000);
  const end = start + o.seconds * 1000;
  const ops: OperatorOptions = {
    farm: c.farm,
    ledger: c.ledger,
    thinkMs: o.thinkMs,
    cutChance: 0.02,
    until: () => Date.now() >= end,
  };
  // RxDB tablets act only on work orders they already hold (a patch needs the local document).
  await Promise.all(c.rx.map((t) => waitForCount(t, c.farm.workOrders.length)));
  const workers = [
    ...c.raw.map((t, i) => rawOperator(`raw-${i}`, t, ops)),
    ...c.rx.map((t, i) => rxOperator(`rx-${i}`, t, ops)),
  ];
  const faults: Faults = { serverKills: 0, postgresRestarts: 0, brokerRestarts: 0, printersSilenced: 0 };
  // Live memory: after a forced full GC inside the server (mem-probe.mjs), every 10 s — the warm-up
  // figure is the first of these 20 s after the server's latest start (see soak-report.ts, memory).
  let probing = false;
  let snapped = 0;
  const liveSampler = setInterval(() => {
    if (probing || !c.server.ready) return;
    probing = true;
    const starts = c.server.starts;
    const warm = Date.now() >= c.server.startedAt + warmupMs(o.seconds);
    const snapshot = warm && snapped !== starts ? heapSnapshotPath(c.run, `warm-${starts}`) : undefined;
    if (snapshot) snapped = starts;
    void c.server
      .memory({ gc: true, snapshot })
      .then((m) => m && c.server.starts === starts && c.probe.live.push({ at: Date.now(), starts, m }))
      .finally(() => (probing = false));
  }, LIVE_SAMPLE_MS);
  const window = async (what: () => Promise<void>) => {
    const t0 = Date.now();
    await what();
    c.probe.faultWindows.push([t0, Date.now() + 10_000]);
  };
  const at = (f: number) => sleep(Math.max(0, start + f * o.seconds * 1000 - Date.now()));
  const silenced = c.fleet.all.slice(0, Math.max(1, Math.floor(c.fleet.all.length / 10)));
  c.fleet.kill(silenced);
  faults.printersSilenced = silenced.length;
  await at(0.12);
  c.o.log('chaos: SIGKILL the server, restart it');
  await window(() => c.server.crashAndRestart(1500));
  faults.serverKills++;
  await at(0.45);
  c.o.log('chaos: restart the broker');
  await window(() => c.broker.restart(3000));
  faults.brokerRestarts++;
  if (c.usePostgres) {
    await at(0.65);
    c.o.log('chaos: restart Postgres');
    await window(() => restartPostgres());
    faults.postgresRestarts++;
  }
  await Promise.all(workers);
  clearInterval(liveSampler);
  clearInterval(lagSampler);
  loop.disable();
  return { faults, startedAt: start };
}

async function waitForCount(t: NodeTablet, n: number): Promise<void> {
  const until = Date.now() + 60_000;
  while ((await t.client.db.work_orders.count().exec()) < n) {
    if (Date.now() > until) throw new Error('an RxDB tablet did not receive the seeded work orders');
    await sleep(200);
  }
}

type FinishContext = Omit<DriveContext, 'broker' | 'usePostgres'> & {
  observer: RawTablet;
  loops: Promise<void>[];
  faults: Faults;
  startedAt: number;
  direct: string;
  token: string;
  run: string;
};

/** After the shift: faults off, every tablet online and synced, then the verdict. */
async function finish(c: FinishContext): Promise<SoakReport> {
  c.proxy.faults = null;
  const endedAt = Date.now();
  for (const t of c.rx) t.network.setOffline(false);
  // RxDB tablets first (their last pushes are part of what the raw tablets must end up holding).
  // A tablet that cannot finish is a finding for the verdict, not a crash of the harness.
  const stuck: string[] = [];
  const attempt = (what: string, p: Promise<unknown>) =>
    p.catch((e: unknown) => void stuck.push(`${what}: ${String(e)}`));
  await Promise.all(
    c.rx.map(async (t, i) => {
      let last: SyncStatus | null = null;
      const sub = t.client.sync.status$.subscribe((s) => (last = s));
      try {
        await withTimeout(
          t.status((s) => s.pending === 0),
          120_000,
          'its last pushes',
        );
      } catch (e) {
        stuck.push(`rx-${i}: ${String(e)}; last status ${JSON.stringify(last)}`);
      } finally {
        sub.unsubscribe();
      }
    }),
  );
  const raws = [c.observer, ...c.raw];
  await Promise.all(raws.map((t, i) => attempt(`raw ${i}`, t.settle(120_000))));
  // Tablets settled in parallel: one may have pulled before another pushed its last edit.
  await Promise.all(raws.map((t, i) => attempt(`raw ${i}`, t.settle(60_000))));
  const settledMs = Date.now() - endedAt;
  for (const t of [c.observer, ...c.raw]) t.stop();
  await Promise.allSettled(c.loops);
  // The relay's verdict needs the silenced printers' silence to outlast the offline timeout.
  const deadSince = Math.min(...c.fleet.dead.values());
  await sleep(Math.max(0, deadSince + c.o.offlineAfterMs + 6_000 - Date.now()));
  const liveEnd = await c.server.memory({ gc: true, snapshot: heapSnapshotPath(c.run, 'end') });
  return buildReport({
    ...c,
    stuck,
    endedAt,
    settledMs,
    liveEnd,
    collections: SOAK_COLLECTIONS,
    snapshot: () => relaySnapshot(c.direct, c.token),
  });
}

/** SOAK_HEAP_SNAPSHOTS=<dir>: heap snapshots of the server after warm-up and at the end (a leak hunt). */
export function heapSnapshotPath(run: string, when: string): string | undefined {
  const dir = process.env.SOAK_HEAP_SNAPSHOTS;
  return dir ? `${dir}/soak-${run}-${when}.heapsnapshot` : undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)),
  );
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
