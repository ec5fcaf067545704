import type { PrinterStatus } from '@printfloor/shared';
import type { NodeTablet } from '../support/node-client.ts';
import type { ChaosProxy } from './chaos-proxy.ts';
import type { Ledger } from './operators.ts';
import type { PrinterFleet } from './printer-fleet.ts';
import type { RawTablet, SoakCollection } from './raw-tablet.ts';
import type { ServerProcess } from './server-process.ts';
import {
  diff,
  exactlyOnce,
  ledgerMismatches,
  percentile,
  rawConverged,
  rxSnapshot,
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
  rss: { at: number; kib: number; starts: number }[];
}

export interface SoakReport {
  tablets: number;
  rxTablets: number;
  printers: number;
  seconds: number;
  opsPerSecond: number;
  faults: Faults & {
    networkCuts: number;
    droppedResponses: number;
    replayedPushes: number;
    unexpectedServerExits: number;
  };
  documentsWritten: number;
  edits: number;
  lost: number;
  duplicates: number;
  altered: number;
  p95LatencyMs: number;
  p95LatencyDuringFaultsMs: number;
  latencySamples: number;
  rssWarmKiB: number | null;
  rssEndKiB: number | null;
  memoryGrowth: number | null;
  settleMs: number;
  /** Empty when every check passed. */
  problems: string[];
}

interface ReportInput {
  o: { tablets: number; rxTablets: number; printers: number; seconds: number; log: (m: string) => void };
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
  endedAt: number;
  settledMs: number;
  rssEnd: number | null;
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
        last.push(...diff(await rxSnapshot(t, coll), server.get(coll) ?? []).map((id) => `${coll}/${id}`));
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

function memory(c: ReportInput): { warm: number | null; growth: number | null } {
  const starts = Math.max(0, ...c.probe.rss.map((s) => s.starts));
  const mine = c.probe.rss.filter((s) => s.starts === starts);
  const first = mine[0];
  if (!first || c.rssEnd === null) return { warm: null, growth: null };
  // Warm-up: 20 s of full load after the (latest) start, or 15 % of the run when that is shorter.
  const warmAt = first.at + Math.min(20_000, c.o.seconds * 150);
  const warm = mine.find((s) => s.at >= warmAt) ?? mine[mine.length - 1]!;
  return { warm: warm.kib, growth: c.rssEnd / warm.kib - 1 };
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
  const stale = stalePrinters(await c.snapshot(), c.fleet.dead, 60_000, Date.now());
  if (stale.length > 0)
    problems.push(`${stale.length} printers shown live beyond the offline timeout, e.g. ${stale[0]}`);
  const mem = memory(c);
  if (mem.growth !== null && mem.growth > 0.1)
    problems.push(
      `server RSS grew ${(mem.growth * 100).toFixed(1)} % after warm-up (${mem.warm} → ${c.rssEnd} KiB)`,
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
    rssWarmKiB: mem.warm,
    rssEndKiB: c.rssEnd,
    memoryGrowth: mem.growth,
    settleMs: c.settledMs,
    problems,
  };
}
