import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { printerStatusSchema, type PrinterStatus } from '@printfloor/shared';
import { silentLogger } from '../../src/logger.ts';
import { printerStreamRoute } from '../../src/relay/printer-stream.routes.ts';
import { startRelay } from '../../src/relay/relay.ts';
import type { PrinterConfig, Relay } from '../../src/relay/relay.types.ts';
import { TENANT, waitFor } from './relay-helpers.ts';

const OTHER = '00000000-0000-4000-8000-0000000000cc';
const printers: PrinterConfig[] = [
  { tenantId: TENANT, code: 'PR-1', protocol: 'printfloor' },
  { tenantId: TENANT, code: 'PR-2', protocol: 'printfloor' },
  { tenantId: OTHER, code: 'PR-9', protocol: 'printfloor' },
];

interface SseEvent {
  event: string;
  data: string;
}

/** Reads an SSE response the way a tablet's fetch-based reader does. */
async function openStream(
  url: string,
  signal: AbortSignal,
): Promise<{ events: SseEvent[]; ended: Promise<void> }> {
  const res = await fetch(url, { signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: SseEvent[] = [];
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) events.push({ event, data });
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { events, ended };
}

describe('GET /api/printers/stream', () => {
  let relay: Relay;
  let server: ServerType;
  let base: string;

  beforeAll(async () => {
    relay = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve(printers),
      brokerPort: null,
      minIntervalMs: 10,
    });
    const app = new Hono();
    app.get('/api/printers/stream', printerStreamRoute(relay, { tenantOf: (c) => c.req.query('tenant') }));
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await relay?.close();
    (server as HttpServer).closeAllConnections(); // the aborted fetch's keep-alive socket
    await new Promise<void>((r) => server.close(() => r()));
  });

  async function publish(code: string, body: object) {
    const c = relay.openClient(`pub-${code}-${Date.now()}`);
    await c.publishAsync(`printfloor/v1/printers/${code}/status`, JSON.stringify(body));
    await c.endAsync();
  }

  it("sends a snapshot of the tenant's printers first, then each change", async () => {
    await publish('PR-1', { state: 'printing', progress: 5 });
    await waitFor(
      () => relay.snapshot().find((u) => u.status.code === 'PR-1')?.status.state === 'printing',
      5000,
    );
    const ac = new AbortController();
    const stream = await openStream(`${base}/api/printers/stream?tenant=${TENANT}`, ac.signal);
    const first = await waitFor(() => stream.events[0], 5000, 'snapshot');
    expect(first.event).toBe('snapshot');
    const snapshot = (JSON.parse(first.data) as unknown[]).map((s) => printerStatusSchema.parse(s));
    expect(snapshot.map((s) => [s.code, s.state])).toEqual([
      ['PR-1', 'printing'],
      ['PR-2', 'offline'],
    ]);

    await publish('PR-9', { state: 'printing' }); // another tenant's printer: never sent here
    await publish('PR-2', { state: 'paused', stateDetail: 'door open' });
    const change = await waitFor(() => stream.events.find((e) => e.event === 'status'), 5000, 'status event');
    const status = JSON.parse(change.data) as PrinterStatus;
    expect(status).toMatchObject({ code: 'PR-2', state: 'paused', stateDetail: 'door open' });
    await new Promise((r) => setTimeout(r, 200));
    expect(
      stream.events
        .filter((e) => e.event === 'status')
        .map((e) => (JSON.parse(e.data) as PrinterStatus).code),
    ).toEqual(['PR-2']);
    ac.abort();
    await stream.ended;
  });

  it('ends open streams when the relay closes', async () => {
    const own = await startRelay({
      logger: silentLogger,
      printers: () => Promise.resolve(printers),
      brokerPort: null,
    });
    const app = new Hono();
    app.get('/s', printerStreamRoute(own));
    const srv = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => srv.once('listening', () => r()));
    const stream = await openStream(
      `http://127.0.0.1:${(srv.address() as AddressInfo).port}/s`,
      new AbortController().signal,
    );
    const snap = await waitFor(() => stream.events[0], 5000, 'snapshot');
    expect((JSON.parse(snap.data) as unknown[]).length).toBe(3); // no tenant scope → every printer
    await own.close();
    await stream.ended;
    await new Promise<void>((r) => srv.close(() => r()));
  });
});
