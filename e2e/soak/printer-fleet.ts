import mqtt from 'mqtt';
import type { PrinterStatus } from '@printfloor/shared';
import { SseParser } from '../../client/src/data/sse-parser.ts';

const PER_CONNECTION = 50;
const STATES = ['idle', 'preparing', 'printing', 'printing', 'printing', 'paused', 'finished'] as const;

/**
 * Simulated native printers on the soak's broker: each publishes its normalized status on
 * `printfloor/v1/printers/<code>/status` every 2–4 s (a site gateway would); `PER_CONNECTION`
 * printers share one MQTT connection, which reconnects by itself when the broker comes back.
 * `kill(codes)` silences printers for good, as a printer unplugged mid-shift.
 */
export class PrinterFleet {
  private readonly clients: mqtt.MqttClient[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  readonly dead = new Map<string, number>();
  published = 0;

  private constructor(private readonly codes: string[]) {}

  static async start(brokerUrl: string, codes: string[]): Promise<PrinterFleet> {
    const fleet = new PrinterFleet(codes);
    for (let i = 0; i < codes.length; i += PER_CONNECTION) {
      const client = await mqtt.connectAsync(brokerUrl, {
        reconnectPeriod: 500,
        connectTimeout: 5_000,
        queueQoSZero: false,
        clientId: `soak-fleet-${process.pid}-${i}`,
      });
      client.on('error', () => undefined); // reconnects on its own; a broker restart is expected
      fleet.clients.push(client);
      for (const code of codes.slice(i, i + PER_CONNECTION)) fleet.schedule(client, code);
    }
    return fleet;
  }

  private schedule(client: mqtt.MqttClient, code: string): void {
    let progress = Math.random() * 100;
    const tick = () => {
      if (this.dead.has(code)) return;
      progress = (progress + 1 + Math.random() * 3) % 100;
      const state = STATES[Math.floor(progress / 15) % STATES.length]!;
      if (client.connected) {
        this.published++;
        client.publish(
          `printfloor/v1/printers/${code}/status`,
          JSON.stringify({
            state,
            progress: Math.round(progress * 10) / 10,
            remainingMinutes: Math.round(100 - progress),
            nozzleTemp: 215,
            nozzleTarget: 215,
            bedTemp: 60,
            bedTarget: 60,
            jobName: `${code}-job.3mf`,
          }),
        );
      }
      this.timers.push(setTimeout(tick, 2000 + Math.random() * 2000));
    };
    this.timers.push(setTimeout(tick, Math.random() * 2000));
  }

  /** These printers never publish again (their silence must turn them offline on the relay). */
  kill(codes: string[]): void {
    for (const c of codes) this.dead.set(c, Date.now());
  }

  get all(): readonly string[] {
    return this.codes;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await Promise.all(this.clients.map((c) => c.endAsync(true)));
  }
}

/**
 * The relay's snapshot: the first `snapshot` event of `GET /api/printers/stream`. Tried up to three
 * times: fetch reuses a kept-alive socket from the verdict's pulls, and the server may close that
 * socket just as the request goes out ("other side closed") — the 30-minute run's harness died of
 * exactly that after its shift. An answer the relay gave is never retried away.
 */
export async function relaySnapshot(baseUrl: string, token: string): Promise<PrinterStatus[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await relaySnapshotOnce(baseUrl, token);
    } catch (e) {
      if (attempt >= 3 || !(e instanceof TypeError)) throw e; // fetch's network failures are TypeErrors
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function relaySnapshotOnce(baseUrl: string, token: string): Promise<PrinterStatus[]> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 15_000);
  try {
    const res = await fetch(`${baseUrl}/api/printers/stream`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
      signal: ctrl.signal,
    });
    if (!res.ok || !res.body) throw new Error(`printer stream: HTTP ${res.status}`);
    const parser = new SseParser();
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      for (const ev of parser.feed(decoder.decode(chunk, { stream: true }))) {
        if (ev.event === 'snapshot') return JSON.parse(ev.data) as PrinterStatus[];
      }
    }
    throw new Error('printer stream ended before its snapshot');
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
}
