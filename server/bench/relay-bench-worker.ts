// A process of the relay bench (relay.bench.ts forks it): either the relay with its SSE route
// (`relay`) or the baseline, a plain MQTT subscriber receiving the same messages (`baseline`). Each
// measures its own CPU with process.cpuUsage() between the parent's `mark` and `stop`.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { connectAsync } from 'mqtt';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/db/database.ts';
import { silentLogger } from '../src/logger.ts';
import { PgStatusStore } from '../src/relay/pg-status-store.ts';
import { printerStreamRoute } from '../src/relay/printer-stream.routes.ts';
import { startRelay } from '../src/relay/relay.ts';

export interface WorkerInit {
  mode: 'relay' | 'baseline';
  mqttUrl: string;
  prefix: string;
  serials: string[];
  /** Postgres admin URL: the relay persists into a scratch database there; absent → in-memory PGlite. */
  databaseUrl?: string;
}

export type WorkerMessage =
  | { type: 'ready'; port?: number; database: string }
  | { type: 'result'; cpuMs: number; wallMs: number; latencies: number[]; metrics?: Record<string, unknown> };

const wallNow = () => performance.timeOrigin + performance.now();
/**
 * Resolves once the message has been handed to the IPC channel: a worker that exits right after a
 * large `result` (60 s × 500 latencies) otherwise drops it, and the parent waits forever (it did).
 */
const send = (m: WorkerMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(m, undefined, {}, () => resolve());
  });

/** Publish-time window of the measured messages (from the parent's `mark` and `cpu` messages). */
let from = Infinity;
let until = Infinity;
let cpuStart = process.cpuUsage();
let wallStart = 0;
let measured: { cpuMs: number; wallMs: number } | null = null;
const latencies: number[] = [];

/** Parent → worker: `mark` starts the window, `cpu` ends it (CPU is read then), `stop` reports. */
type Control = { type: 'mark'; from: number } | { type: 'cpu'; until: number } | { type: 'stop' };

function control(m: Control): boolean {
  if (m.type === 'mark') {
    from = m.from;
    cpuStart = process.cpuUsage();
    wallStart = wallNow();
  }
  if (m.type === 'cpu') {
    until = m.until;
    const d = process.cpuUsage(cpuStart);
    measured = { cpuMs: (d.user + d.system) / 1000, wallMs: wallNow() - wallStart };
  }
  return m.type === 'stop';
}

const result = () => ({ ...(measured ?? { cpuMs: NaN, wallMs: NaN }), latencies });

async function openStore(
  databaseUrl: string | undefined,
): Promise<{ db: Database; label: string; drop: () => Promise<void> }> {
  if (!databaseUrl) {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined, logger: silentLogger });
    await db.migrate();
    return { db, label: 'PGlite (in-memory)', drop: () => db.close() };
  }
  const name = `printfloor_relay_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), logger: silentLogger });
  await db.migrate();
  return {
    db,
    label: 'Postgres',
    async drop() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

async function runRelay(init: WorkerInit): Promise<void> {
  const store = await openStore(init.databaseUrl);
  const relay = await startRelay({
    logger: silentLogger,
    mqttUrl: init.mqttUrl,
    topicRoot: `${init.prefix}/pf`,
    store: new PgStatusStore(store.db.orm),
    printers: () =>
      Promise.resolve(
        init.serials.map((serial, i) => ({
          tenantId: '00000000-0000-4000-8000-00000000be0c',
          code: `P${i}`,
          protocol: 'bambu' as const,
          serial,
        })),
      ),
  });
  const app = new Hono();
  app.get('/api/printers/stream', printerStreamRoute(relay));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  while (!relay.links()[0]?.connected) await new Promise((r) => setTimeout(r, 20));
  process.on('message', (m: Control) => {
    if (control(m)) {
      void send({ type: 'result', ...result(), metrics: { ...relay.metrics() } })
        .then(() => relay.close())
        .then(() => store.drop())
        .finally(() => process.exit(0));
    }
  });
  void send({ type: 'ready', port: (server.address() as AddressInfo).port, database: store.label });
}

async function runBaseline(init: WorkerInit): Promise<void> {
  const client = await connectAsync(init.mqttUrl, {
    clientId: `${init.prefix}-baseline`,
    reconnectPeriod: 0,
  });
  client.on('message', (_topic, payload) => {
    const at = wallNow();
    const t = (JSON.parse(payload.toString()) as { print?: { bench_t?: unknown } }).print?.bench_t;
    if (typeof t === 'number' && t >= from && t < until) latencies.push(at - t);
  });
  await client.subscribeAsync(init.serials.map((s) => `device/${s}/report`));
  process.on('message', (m: Control) => {
    if (control(m)) {
      void send({ type: 'result', ...result() })
        .then(() => client.endAsync())
        .finally(() => process.exit(0));
    }
  });
  void send({ type: 'ready', database: 'none' });
}

process.once('message', (init: WorkerInit) => {
  (init.mode === 'relay' ? runRelay(init) : runBaseline(init)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
