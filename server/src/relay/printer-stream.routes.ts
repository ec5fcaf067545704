import type { Context, Env, Handler } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { PRINTER_STREAM_EVENTS, type PrinterStatus } from '@printfloor/shared';
import type { Relay, RelayUpdate } from './relay.types.ts';

/** SSE comment when nothing else was sent, so proxies keep an idle stream open. */
const KEEPALIVE_MS = 25_000;

export interface PrinterStreamOptions<E extends Env> {
  /** The caller's tenant (from the auth middleware); only its printers are sent. Absent → all. */
  tenantOf?: (c: Context<E>) => string | undefined;
  keepaliveMs?: number;
  /**
   * Ends the stream when the caller loses access (issue 7: a revoked device's stream closes at
   * once): called once per stream with `end`, returns what stops watching.
   */
  watchAccess?: (c: Context<E>, end: () => void) => () => void;
}

/**
 * One open stream. Updates are coalesced per printer while the socket is busy — only a printer's
 * latest status matters — so a slow tablet never makes the server buffer a backlog.
 */
class PrinterStream {
  private readonly pending = new Map<string, PrinterStatus>();
  private flushing = false;
  private closed = false;
  /** Held until the snapshot is out, so it is always the first event. */
  private started = false;
  private finish!: () => void;
  readonly done = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(private readonly stream: SSEStreamingApi) {}

  push(status: PrinterStatus): void {
    this.pending.delete(status.code); // re-insert: the map keeps arrival order
    this.pending.set(status.code, status);
    this.kick();
  }

  start(): void {
    this.started = true;
    this.kick();
  }

  keepalive(): void {
    if (!this.flushing && !this.closed) this.stream.write(': keep-alive\n\n').catch(() => this.close());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.finish();
  }

  private kick(): void {
    if (!this.started || this.flushing || this.closed) return;
    this.flushing = true;
    this.flush()
      .catch(() => this.close())
      .finally(() => (this.flushing = false));
  }

  private async flush(): Promise<void> {
    while (!this.closed && this.pending.size > 0) {
      const [code, status] = this.pending.entries().next().value as [string, PrinterStatus];
      this.pending.delete(code);
      await this.stream.writeSSE({ event: PRINTER_STREAM_EVENTS.status, data: JSON.stringify(status) });
    }
  }
}

/**
 * `GET /api/printers/stream` (PRINTER_STREAM_PATH; server-sent events): first `event: snapshot`
 * with every printer's status (a JSON array), then `event: status` with one printer's status per
 * change. Clients fold them with `applyPrinterStreamEvent` (shared). Live status is not replicated
 * through RxDB: a client that reconnects simply gets a new snapshot.
 */
export function printerStreamRoute<E extends Env = Env>(
  relay: Relay,
  opts: PrinterStreamOptions<E> = {},
): Handler<E> {
  return (c) => {
    const tenantId = opts.tenantOf?.(c);
    return streamSSE(c, async (stream) => {
      const conn = new PrinterStream(stream);
      stream.onAbort(() => conn.close());
      const keepalive = setInterval(() => conn.keepalive(), opts.keepaliveMs ?? KEEPALIVE_MS);
      // Subscribe before the snapshot so nothing falls between them (a duplicate is harmless).
      const unsubscribe = relay.subscribe((u: RelayUpdate) => {
        if (tenantId === undefined || u.tenantId === tenantId) conn.push(u.status);
      });
      void relay.closed.then(() => conn.close());
      const unwatch = opts.watchAccess?.(c, () => conn.close());
      try {
        await stream.write('retry: 1000\n\n');
        const snapshot = relay.snapshot(tenantId).map((u) => u.status);
        await stream.writeSSE({ event: PRINTER_STREAM_EVENTS.snapshot, data: JSON.stringify(snapshot) });
        conn.start();
        await conn.done;
      } finally {
        clearInterval(keepalive);
        unsubscribe();
        unwatch?.();
      }
    });
  };
}
