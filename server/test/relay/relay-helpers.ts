import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import type { PrinterStatus } from '@printfloor/shared';
import type { Logger } from '../../src/logger.ts';
import type { Relay, RelayUpdate } from '../../src/relay/relay.types.ts';

export const MOSQUITTO_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
export const TENANT = '00000000-0000-4000-8000-0000000000aa';
const FIXTURES = new URL('../../../shared/test-fixtures/printer-mqtt/', import.meta.url);

/** A real payload (or a built one: `built/…`) as the bytes that go on the wire. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8').replace(/\n$/, '');
}

/** A topic prefix nobody else uses, so tests can share the system Mosquitto. */
export const uniquePrefix = (label: string) => `pftest-${label}-${randomBytes(4).toString('hex')}`;

/** Polls until `check` returns a value (not undefined/false); rejects after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Records every update of a relay; `latest(code)` is the last one the clients got. */
export function collect(relay: Relay): {
  updates: RelayUpdate[];
  latest(code: string): PrinterStatus | undefined;
  stop(): void;
} {
  const updates: RelayUpdate[] = [];
  const stop = relay.subscribe((u) => updates.push(u));
  return {
    updates,
    latest: (code) => updates.filter((u) => u.status.code === code).at(-1)?.status,
    stop,
  };
}

/** Waits until the relay shows printer `code` matching `pred`, and returns that status. */
export function statusOf(
  relay: Relay,
  code: string,
  pred: (s: PrinterStatus) => boolean,
  timeoutMs = 10_000,
): Promise<PrinterStatus> {
  return waitFor(
    () => {
      const s = relay.snapshot().find((u) => u.status.code === code)?.status;
      return s && pred(s) ? s : undefined;
    },
    timeoutMs,
    `status of ${code}`,
  );
}

export async function mqttClient(url: string, clientId = uniquePrefix('client')): Promise<MqttClient> {
  return connectAsync(url, { clientId, reconnectPeriod: 0, connectTimeout: 5000 });
}

/** A logger that keeps its lines (to assert on what an admin would read). */
export function memoryLogger(): Logger & {
  lines: { level: string; msg: string; fields?: Record<string, unknown> }[];
} {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, msg, fields });
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  if (typeof addr !== 'object' || !addr) throw new Error('no port');
  return addr.port;
}

/**
 * A second Mosquitto of our own on a random loopback port (never the system one on 1883), so a
 * test can stop and restart the broker under the relay.
 */
export class OwnMosquitto {
  private proc: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'pf-mosquitto-'));
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnMosquitto> {
    const m = new OwnMosquitto(await freePort());
    writeFileSync(
      join(m.dir, 'mosquitto.conf'),
      `listener ${m.port} 127.0.0.1\nallow_anonymous true\npersistence false\n`,
    );
    await m.up();
    return m;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.proc = spawn('mosquitto', ['-c', join(this.dir, 'mosquitto.conf')], { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        const c = await mqttClient(this.url);
        await c.endAsync();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`mosquitto did not start on ${this.port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async down(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    await exited;
    this.proc = null;
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
