import { describe, expect, it } from 'vitest';
import { unknownStatus, type PrinterStatus } from '@printfloor/shared';
import { PrinterStreamClient } from './printer-stream.ts';

function status(code: string, patch: Partial<PrinterStatus> = {}): PrinterStatus {
  return {
    ...unknownStatus(code, 'printfloor'),
    state: 'idle',
    lastSeen: '2025-01-01T00:00:00.000Z',
    ...patch,
  };
}

/** A fetch whose response body is a stream the test writes to. */
function controllableFetch() {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const calls: { url: string; auth: string | null }[] = [];
  const enc = new TextEncoder();
  const fetch = (url: string, init?: RequestInit) => {
    calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
    const body = new ReadableStream<Uint8Array>({ start: (c) => (ctrl = c) });
    init?.signal?.addEventListener('abort', () => ctrl.error(new Error('aborted')));
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  };
  return { fetch, calls, send: (text: string) => ctrl.enqueue(enc.encode(text)), end: () => ctrl.close() };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('PrinterStreamClient', () => {
  it('is live only after a snapshot, folds status events, and drops "live" when the stream ends', async () => {
    const f = controllableFetch();
    const client = new PrinterStreamClient({
      baseUrl: 'http://x/',
      token: 'tok',
      fetch: f.fetch,
      minDelayMs: 60_000,
    });
    let notified = 0;
    client.subscribe(() => notified++);
    client.start();
    await tick();
    expect(f.calls[0]).toEqual({ url: 'http://x/api/printers/stream', auth: 'Bearer tok' });
    f.send(': keep-alive\n\n');
    await tick();
    expect(client.get().connected).toBe(false);

    f.send(`event: snapshot\ndata: ${JSON.stringify([status('PR-1'), status('PR-2')])}\n\n`);
    await tick();
    expect(client.get().connected).toBe(true);
    expect([...client.get().statuses.keys()]).toEqual(['PR-1', 'PR-2']);

    // One event split across two chunks still lands once.
    const ev = `event: status\ndata: ${JSON.stringify(status('PR-2', { state: 'printing', progress: 42 }))}\n\n`;
    f.send(ev.slice(0, 20));
    f.send(ev.slice(20));
    await tick();
    expect(client.get().statuses.get('PR-2')?.state).toBe('printing');
    expect(client.get().statuses.get('PR-2')?.progress).toBe(42);

    f.end();
    await tick();
    expect(client.get().connected).toBe(false);
    // Last known statuses stay for display as "last known".
    expect(client.get().statuses.get('PR-2')?.state).toBe('printing');
    expect(notified).toBeGreaterThan(2);
    client.stop();
  });

  it('reconnects after a loss and replaces everything with the new snapshot', async () => {
    const f = controllableFetch();
    const client = new PrinterStreamClient({
      baseUrl: 'http://x',
      token: 't',
      fetch: f.fetch,
      minDelayMs: 5,
    });
    client.start();
    await tick();
    f.send(`event: snapshot\ndata: ${JSON.stringify([status('PR-1')])}\n\n`);
    await tick();
    f.end();
    await new Promise((r) => setTimeout(r, 40));
    expect(f.calls.length).toBe(2);
    f.send(`event: snapshot\ndata: ${JSON.stringify([status('PR-9')])}\n\n`);
    await tick();
    expect(client.get().connected).toBe(true);
    expect([...client.get().statuses.keys()]).toEqual(['PR-9']);
    client.stop();
    expect(client.get().connected).toBe(false);
  });
});
