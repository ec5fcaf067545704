// Relay benchmark (issue 5, "Bench"): N simulated Bambu printers (default 500) each publish one
// delta report per second to Mosquitto; the relay (its own process, persisting to PGlite — or to a
// scratch Postgres database when DATABASE_URL is set) normalizes them and streams them over
// `GET /api/printers/stream`; this process reads the SSE stream and measures publish → delivery.
// Baseline, same run, same messages: a plain MQTT subscriber in its own process.
// Runs alone (`tsx server/bench/relay.bench.ts`) or through `pnpm bench` (runRelayBench()).
// Env: RELAY_BENCH_SECONDS (default 60), RELAY_BENCH_PRINTERS (500), RELAY_BENCH_MQTT_URL
// (mqtt://127.0.0.1:1883). Ratios are baseline / ours (≥ 1 means as good as the baseline).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connectAsync, type MqttClient } from 'mqtt';
import type { PrinterStatus } from '@printfloor/shared';
import type { WorkerInit, WorkerMessage } from './relay-bench-worker.ts';

import type { BenchResult } from './baseline-harness.ts';

export type { BenchResult } from './baseline-harness.ts';

export interface RelayBenchOptions {
  seconds?: number;
  printers?: number;
  mqttUrl?: string;
  databaseUrl?: string;
}

const WARMUP_MS = 5_000;
const PUBLISHERS = 5;
const wallNow = () => performance.timeOrigin + performance.now();
const log = (msg: string) => console.log(`[relay bench] ${msg}`);

function startWorker(
  init: WorkerInit,
): Promise<{ child: ChildProcess; ready: Extract<WorkerMessage, { type: 'ready' }> }> {
  const child = fork(fileURLToPath(new URL('./relay-bench-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.send(init);
  return new Promise((resolve, reject) => {
    child.once('message', (m: WorkerMessage) =>
      m.type === 'ready' ? resolve({ child, ready: m }) : reject(new Error('bad worker')),
    );
    child.once('exit', (code) => reject(new Error(`${init.mode} worker exited ${code}`)));
  });
}

function stopWorker(child: ChildProcess): Promise<Extract<WorkerMessage, { type: 'result' }>> {
  return new Promise((resolve, reject) => {
    child.on('message', (m: WorkerMessage) => m.type === 'result' && resolve(m));
    // A worker gone without its result fails the bench instead of hanging it.
    child.once('exit', (code) => reject(new Error(`relay bench worker exited ${code} without its result`)));
    child.send({ type: 'stop' });
  });
}

/** Reads `event: status` lines of the relay's SSE stream and hands each status to `onStatus`. */
async function readStream(
  url: string,
  signal: AbortSignal,
  onStatus: (s: PrinterStatus, at: number) => void,
): Promise<void> {
  const res = await fetch(url, { signal });
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const at = wallNow();
      buf += decoder.decode(chunk, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (!block.startsWith('event: status')) continue;
        const data = block.slice(block.indexOf('data: ') + 6);
        onStatus(JSON.parse(data) as PrinterStatus, at);
      }
    }
  } catch {
    // aborted at the end of the run
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** A P1-style delta report: only what changed, `layer_num` counts messages, `bench_t` is the send time. */
function delta(seq: number, t: number): string {
  const print = {
    nozzle_temper: 219 + (seq % 7) * 0.25,
    bed_temper: 59.5 + (seq % 3) * 0.25,
    mc_percent: seq % 100,
    mc_remaining_time: 240 - (seq % 240),
    layer_num: seq,
    command: 'push_status',
    msg: 1,
    sequence_id: String(seq),
    bench_t: t,
  };
  return JSON.stringify({ print });
}

export async function runRelayBench(opts: RelayBenchOptions = {}): Promise<BenchResult[]> {
  const seconds = opts.seconds ?? Number(process.env.RELAY_BENCH_SECONDS ?? 60);
  const n = opts.printers ?? Number(process.env.RELAY_BENCH_PRINTERS ?? 500);
  const mqttUrl = opts.mqttUrl ?? process.env.RELAY_BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const serials = Array.from({ length: n }, (_, i) => `${prefix.toUpperCase()}${String(i).padStart(4, '0')}`);
  const full = readFileSync(
    new URL('../../shared/test-fixtures/printer-mqtt/bambu-hms-error-running.json', import.meta.url),
    'utf8',
  );

  const init = { mqttUrl, prefix, serials, ...(databaseUrl ? { databaseUrl } : {}) };
  const [relay, baseline] = await Promise.all([
    startWorker({ mode: 'relay', ...init }),
    startWorker({ mode: 'baseline', ...init }),
  ]);
  log(
    `${n} printers × 1 msg/s through ${mqttUrl}, ${seconds} s measured after ${WARMUP_MS / 1000} s warm-up; relay persists to ${relay.ready.database}`,
  );
  const publishers: MqttClient[] = await Promise.all(
    Array.from({ length: PUBLISHERS }, (_, i) =>
      connectAsync(mqttUrl, { clientId: `${prefix}-pub${i}`, reconnectPeriod: 0 }),
    ),
  );

  // Publish time of each (printer, layer) the relay should deliver.
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  // Messages published in [from, until) are the measured ones, whenever they arrive.
  let from = Infinity;
  let until = Infinity;
  const abort = new AbortController();
  const stream = readStream(
    `http://127.0.0.1:${relay.ready.port}/api/printers/stream`,
    abort.signal,
    (s, at) => {
      const key = `${s.code}:${s.layer}`;
      const t = sent.get(key);
      if (t === undefined) return;
      sent.delete(key);
      if (t >= from && t < until) latencies.push(at - t);
    },
  );

  for (let i = 0; i < n; i++) publishers[i % PUBLISHERS]!.publish(`device/${serials[i]}/report`, full);
  await new Promise((r) => setTimeout(r, 1000));

  const seq = new Array<number>(n).fill(100);
  let published = 0;
  let measuredPublished = 0;
  let measuring = false;
  const start = wallNow();
  let next = 0; // messages sent so far: due = elapsed s × n
  const tick = setInterval(() => {
    const due = Math.floor(((wallNow() - start) / 1000) * n);
    for (; next < due; next++) {
      const i = next % n;
      const s = ++seq[i]!;
      const t = wallNow();
      sent.set(`P${i}:${s}`, t);
      sent.delete(`P${i}:${s - 5}`); // bounded: an update older than 5 s is lost, not late
      publishers[i % PUBLISHERS]!.publish(`device/${serials[i]}/report`, delta(s, t));
      published++;
      if (measuring) measuredPublished++;
    }
  }, 5);

  await new Promise((r) => setTimeout(r, WARMUP_MS));
  from = wallNow();
  measuring = true;
  for (const w of [relay, baseline]) w.child.send({ type: 'mark', from });
  log('measuring …');
  await new Promise((r) => setTimeout(r, seconds * 1000));
  until = wallNow();
  measuring = false;
  for (const w of [relay, baseline]) w.child.send({ type: 'cpu', until });
  clearInterval(tick);
  await new Promise((r) => setTimeout(r, 1000)); // the last measured messages arrive
  const [relayResult, baselineResult] = await Promise.all([
    stopWorker(relay.child),
    stopWorker(baseline.child),
  ]);
  abort.abort();
  await stream;
  // The relay republished every status retained on the broker: leave nothing behind.
  for (let i = 0; i < n; i++) publishers[0]!.publish(`${prefix}/pf/status/P${i}`, '', { retain: true });
  await Promise.all(publishers.map((p) => p.endAsync()));
  log(`published ${published} deltas; relay metrics ${JSON.stringify(relayResult.metrics)}`);

  const ours = [...latencies].sort((a, b) => a - b);
  const base = [...baselineResult.latencies].sort((a, b) => a - b);
  const relayCpu = (100 * relayResult.cpuMs) / relayResult.wallMs;
  const baseCpu = (100 * baselineResult.cpuMs) / baselineResult.wallMs;
  const p50 = percentile(ours, 50);
  const p99 = percentile(ours, 99);
  const label = `${n} printers × 1 msg/s, Mosquitto → relay (${relay.ready.database}) → SSE, ${seconds} s`;
  const results: BenchResult[] = [
    {
      name: `publish → SSE delivery p50 (${label})`,
      value: round(p50),
      unit: 'ms',
      baseline: round(percentile(base, 50)),
      ratio: round(percentile(base, 50) / p50, 3),
      goal: 'p99 < 100 ms',
    },
    {
      name: `publish → SSE delivery p99 (${label})`,
      value: round(p99),
      unit: 'ms',
      baseline: round(percentile(base, 99)),
      ratio: round(percentile(base, 99) / p99, 3),
      goal: '< 100 ms',
      met: p99 < 100,
    },
    {
      name: `relay process CPU (${label}; baseline: plain MQTT subscriber)`,
      value: round(relayCpu, 1),
      unit: '% of one core',
      baseline: round(baseCpu, 1),
      ratio: round(baseCpu / relayCpu, 3),
      goal: '< 25 % of one core',
      met: relayCpu < 25,
    },
    {
      name: `updates delivered over SSE / published (${label})`,
      value: round((100 * ours.length) / Math.max(1, measuredPublished), 2),
      unit: '%',
      baseline: round((100 * base.length) / Math.max(1, measuredPublished), 2),
      goal: 'every update (1 msg/s is below the coalescing rate)',
    },
  ];
  for (const r of results) console.log(JSON.stringify(r));
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRelayBench()
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
