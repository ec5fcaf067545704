import type { PrinterStatus } from '@printfloor/shared';
import type { NodeTablet } from '../support/node-client.ts';
import type { ChaosProxy } from './chaos-proxy.ts';
import type { Ledger } from './operators.ts';
import type { PrinterFleet } from './printer-fleet.ts';
import type { RawTablet, SoakCollection } from './raw-tablet.ts';
import type { MemorySample, ServerProcess } from './server-process.ts';
import {
  exactlyOnce,
  ledgerMismatches,
  percentile,
  rawConverged,
  rxDiff,
  serverRows,
  stalePrinters,
  type ServerState,
} from './verdict.ts';
import type { Farm } from './workload.ts';
import { RX_COLLECTIONS } from './soak.ts';

export interface Faults {
  serverKills: number;
  postgresRestarts: number;
  brokerRestarts: number;
  printersSilenced: number;
}

/** What the run measured while it ran. */
export interface Probe {
  latencies: { at: number; ms: number }[];
  faultWindows: [number, number][];
  /** Live memory: sampled inside the server after a forced full GC. */
  live: { at: number; starts: number; m: MemorySample }[];
  /** The harness's own event-loop delay, p99 of each second (ms): when it is high, the harness was starved and its latencies are its own. */
  lag: { at: number; ms: number }[];
}

/** One tenth of the shift: how propagation latency and the harness's own delay moved through the run. */
export interface LatencySlice {
  /** Seconds into the shift where the slice starts. */
  fromS: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  /** The worst per-second p99 event-loop delay of the harness in the slice. */
  harnessLagMaxMs: number;
}

export interface SoakReport {
  tablets: number;
  rxTablets: number;
  rxStorage: 'dexie' | 'memory';
  printers: number;
  seconds: number;
  opsPerSecond: number;
  faults: Faults & {
    networkCuts: number;
    droppedResponses: number;
    replayedPushes: number;
    unexpectedServerExits: number;
  };
  /** Raw-tablet requests nobody answered within 30 s (given up and retried, as the app does). */
  requestTimeouts: number;
  documentsWritten: number;
  edits: number;
  lost: number;
  duplicates: number;
  altered: number;
  p95LatencyMs: number;
  p95LatencyDuringFaultsMs: number;
  latencySamples: number;
  /** Propagation latency through the run, in tenths (does it grow with the data?). */
  latencyBySlice: LatencySlice[];
  /** Median of the harness's per-second p99 event-loop delay over the shift (ms). */
  harnessLagMedianMs: number;
  /** Requests through the chaos proxy per second of the shift (pushes, pulls, streams). */
  requestsPerSecond: number;
  /** Live JS heap (heapUsed after a forced full GC) after warm-up and at the end, in KiB. */
  heapWarmKiB: number | null;
  heapEndKiB: number | null;
  /** The verdict's memory figure: heapEnd / heapWarm − 1 (see README, "What memory means"). */
  memoryGrowth: number | null;
  /** RSS after a forced full GC, after warm-up and at the end (reported, not judged). */
  rssWarmKiB: number | null;
  rssEndKiB: number | null;
  rssGrowth: number | null;
  /** Off-heap memory (Buffers, ArrayBuffers, PGlite's WASM memory) after warm-up and at the end. */
  externalWarmKiB: number | null;
  externalEndKiB: number | null;
  settleMs: number;
  /** Empty when every check passed. */
  problems: string[];
}

interface ReportInput {
  o: {
    tablets: number;
    rxTablets: number;
    rxStorage: 'dexie' | 'memory';
    printers: number;
    seconds: number;
    offlineAfterMs: number;
    log: (m: string) => void;
  };
  ledger: Ledger;
  raw: RawTablet[];
  rx: NodeTablet[];
  observer: RawTablet;
  fleet: PrinterFleet;
  server: ServerProcess;
  proxy: ChaosProxy;
  probe: Probe;
  faults: Faults;
  direct: string;
  token: string;
  farm: Farm;
  startedAt: number;
  endedAt: number;
  settledMs: number;
  liveEnd: MemorySample | null;
  collections: readonly SoakCollection[];
  snapshot: () => Promise<PrinterStatus[]>;
  /** Tablets that did not finish syncing after the shift. */
  stuck: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function serverState(c: ReportInput): Promise<ServerState> {
  const state: ServerState = new Map();
  for (const coll of c.collections) state.set(coll, await serverRows(c.direct, c.token, coll));
  return state;
}

/** RxDB tablets: synced, then the same documents as the server (retried while their last pulls land). */
async function rxConvergence(c: ReportInput, server: ServerState): Promise<string[]> {
  const problems: string[] = [];
  // One deadline for all tablets: a pass over a big fake-indexeddb store takes seconds.
  const until = Date.now() + 90_000;
  for (const [i, t] of c.rx.entries()) {
    let last: string[] = [];
    for (;;) {
      last = [];
      for (const coll of RX_COLLECTIONS) {
        last.push(...(await rxDiff(t, coll, server.get(coll) ?? [])).map((id) => `${coll}/${id}`));
      }
      if (last.length === 0 || Date.now() > until) break;
      await sleep(2000);
    }
    if (last.length > 0)
      problems.push(
        `rx-${i} differs from the server in ${last.length} documents, e.g. ${last.slice(0, 3).join(', ')}`,
      );
    const ledger = await ledgerMismatches(t, server);
    if (ledger.length > 0)
      problems.push(
        `rx-${i}: ${ledger.length} spools whose remaining grams differ from the ledger fold, e.g. ${ledger[0]}`,
      );
  }
  return problems;
}

/** Warm-up: 20 s of full load after the server's (latest) start, or 15 % of the run when shorter. */
export function warmupMs(seconds: number): number {
  return Math.min(20_000, seconds * 150);
}

/**
 * Memory after warm-up vs at the end, both sampled inside the server after a forced full GC. The
 * verdict judges the live JS heap (heapUsed): that is where a leak of this server lives (maps,
 * listeners, closures, retained requests — and the Buffers they retain are reachable from it).
 * RSS is reported but not judged: it also holds garbage V8 has not given back, allocator
 * fragmentation and, on PGlite, the database's own WASM memory, which grows with the data.
 */
function memory(c: ReportInput) {
  const starts = Math.max(0, ...c.probe.live.map((s) => s.starts));
  const mine = c.probe.live.filter((s) => s.starts === starts);
  const warmAt = c.server.startedAt + warmupMs(c.o.seconds);
  const warm = mine.find((s) => s.at >= warmAt) ?? mine[mine.length - 1];
  const end = c.liveEnd;
  const kib = (b: number | undefined) => (b === undefined ? null : Math.round(b / 1024));
  const growth = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? null : b / a - 1;
  return {
    heapWarmKiB: kib(warm?.m.heapUsed),
    heapEndKiB: kib(end?.heapUsed),
    memoryGrowth: growth(warm?.m.heapUsed, end?.heapUsed),
    rssWarmKiB: kib(warm?.m.rss),
    rssEndKiB: kib(end?.rss),
    rssGrowth: growth(warm?.m.rss, end?.rss),
    externalWarmKiB: kib(warm?.m.external),
    externalEndKiB: kib(end?.external),
  };
}

/** Latency and harness delay in tenths of the shift [startedAt, endedAt). */
export function latencySlices(
  probe: Pick<Probe, 'latencies' | 'lag'>,
  startedAt: number,
  endedAt: number,
  slices = 10,
): LatencySlice[] {
  const width = Math.max(1, (endedAt - startedAt) / slices);
  const out: LatencySlice[] = [];
  for (let i = 0; i < slices; i++) {
    const a = startedAt + i * width;
    const b = i === slices - 1 ? Infinity : a + width;
    const ms = probe.latencies.filter((l) => l.at >= a && l.at < b).map((l) => l.ms);
    const lag = probe.lag.filter((l) => l.at >= a && l.at < b).map((l) => l.ms);
    out.push({
      fromS: Math.round((a - startedAt) / 1000),
      samples: ms.length,
      p50Ms: percentile(ms, 50),
      p95Ms: percentile(ms, 95),
      harnessLagMaxMs: Math.round(Math.max(0, ...lag)),
    });
  }
  return out;
}

/** The verdict: convergence, exactly-once, ledger folds, live printers, memory; plus the figures. */
export async function buildReport(c: ReportInput): Promise<SoakReport> {
  const problems: string[] = c.stuck.map((s) => `did not finish syncing: ${s}`);
  const server = await serverState(c);
  for (const [i, t] of [c.observer, ...c.raw].entries()) {
    const d = rawConverged(t, server, c.collections);
    if (d.length > 0)
      problems.push(
        `raw tablet ${i} differs from the server in ${d.length} documents, e.g. ${d.slice(0, 3).join(', ')}`,
      );
  }
  problems.push(...(await rxConvergence(c, server)));
  const once = exactlyOnce(c.ledger, server, new Set(c.farm.receipts.map((r) => r.id)));
  if (once.lost > 0) problems.push(`${once.lost} records lost`);
  if (once.duplicates > 0) problems.push(`${once.duplicates} duplicate records`);
  if (once.altered > 0) problems.push(`${once.altered} records differ from what the tablet wrote`);
  if (once.unknown > 0) problems.push(`${once.unknown} records on the server that no tablet wrote`);
  // A failure to read the snapshot fails the verdict, and the figures above are still reported.
  const snapshot = await c
    .snapshot()
    .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  if (snapshot instanceof Error) problems.push(`could not read the relay's snapshot: ${snapshot.message}`);
  else {
    const stale = stalePrinters(snapshot, c.fleet.dead, c.o.offlineAfterMs, Date.now());
    if (stale.length > 0)
      problems.push(`${stale.length} printers shown live beyond the offline timeout, e.g. ${stale[0]}`);
  }
  const mem = memory(c);
  if (mem.memoryGrowth === null) problems.push('no live-memory figure from the server (mem-probe.mjs)');
  else if (mem.memoryGrowth > 0.1)
    problems.push(
      `server live heap grew ${(mem.memoryGrowth * 100).toFixed(1)} % after warm-up (${mem.heapWarmKiB} → ${mem.heapEndKiB} KiB after a forced GC)`,
    );
  if (c.server.unexpectedExits.length > 0)
    problems.push(
      `server exited on its own ${c.server.unexpectedExits.length}×: ${c.server.unexpectedExits[0]}`,
    );
  const during = c.probe.latencies
    .filter((l) => c.probe.faultWindows.some(([a, b]) => l.at >= a && l.at <= b))
    .map((l) => l.ms);
  return {
    tablets: c.o.tablets,
    rxTablets: c.o.rxTablets,
    rxStorage: c.o.rxStorage,
    printers: c.o.printers,
    seconds: c.o.seconds,
    opsPerSecond: c.ledger.actions / c.o.seconds,
    faults: {
      ...c.faults,
      networkCuts: c.ledger.offlineSpells,
      droppedResponses: c.proxy.counters.droppedResponses,
      replayedPushes: c.proxy.counters.replays,
      unexpectedServerExits: c.server.unexpectedExits.length,
    },
    requestTimeouts: [c.observer, ...c.raw].reduce((n, t) => n + t.timeouts, 0),
    documentsWritten: once.written,
    edits: c.ledger.edits,
    lost: once.lost,
    duplicates: once.duplicates,
    altered: once.altered,
    p95LatencyMs: percentile(
      c.probe.latencies.map((l) => l.ms),
      95,
    ),
    p95LatencyDuringFaultsMs: percentile(during, 95),
    latencySamples: c.probe.latencies.length,
    latencyBySlice: latencySlices(c.probe, c.startedAt, c.endedAt),
    harnessLagMedianMs: Math.round(
      percentile(
        c.probe.lag.map((l) => l.ms),
        50,
      ),
    ),
    requestsPerSecond: Math.round((c.proxy.counters.requests / c.o.seconds) * 10) / 10,
    ...mem,
    settleMs: c.settledMs,
    problems,
  };
}
