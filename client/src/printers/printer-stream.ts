import { PRINTER_STREAM_PATH, applyPrinterStreamEvent, type PrinterStatus } from '@printfloor/shared';
import { idleAbort, readEventStream } from '../data/sse-parser.ts';

/**
 * A framework-free client for the live printer stream (`GET /api/printers/stream`, see
 * shared/src/printers/stream.ts): one fetch-based SSE connection (the token goes in the
 * Authorization header, not in a URL that ends up in logs), folded with `applyPrinterStreamEvent`,
 * reconnecting with backoff. Every (re)connect starts with a full snapshot, so nothing is replayed.
 *
 * While disconnected the last statuses are kept but `connected` is false: a screen must show them
 * as "last known", never as live (DESIGN.md: stale data shown as live must never happen).
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface PrinterStreamOptions {
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** The server sends a keep-alive every 25 s; silence longer than this means a dead connection. */
  idleTimeoutMs?: number;
}

export interface PrinterStreamSnapshot {
  statuses: ReadonlyMap<string, PrinterStatus>;
  /** A snapshot arrived on the current connection and it is still open. */
  connected: boolean;
  /** Client time (ms) of the last event or keep-alive; null before the first one. */
  lastEventAt: number | null;
}

export class PrinterStreamClient {
  private snap: PrinterStreamSnapshot = { statuses: new Map(), connected: false, lastEventAt: null };
  private readonly listeners = new Set<() => void>();
  private running = false;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private readonly o: Required<Omit<PrinterStreamOptions, 'fetch'>> & { fetch: FetchLike };

  constructor(opts: PrinterStreamOptions) {
    this.o = {
      minDelayMs: 500,
      maxDelayMs: 15_000,
      idleTimeoutMs: 60_000,
      fetch: (i, init) => globalThis.fetch(i, init),
      ...opts,
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    };
  }

  /** For `useSyncExternalStore`: the same object until something changes. */
  readonly get = (): PrinterStreamSnapshot => this.snap;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    globalThis.addEventListener?.('online', this.reconnectNow);
    void this.loop();
  }

  stop(): void {
    this.running = false;
    globalThis.removeEventListener?.('online', this.reconnectNow);
    this.abort?.abort();
    this.wake?.();
    this.update({ connected: false });
  }

  readonly reconnectNow = (): void => {
    this.abort?.abort();
    this.wake?.();
  };

  private update(patch: Partial<PrinterStreamSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private async loop(): Promise<void> {
    let delay = this.o.minDelayMs;
    while (this.running) {
      const hadSnapshot = await this.connectOnce();
      if (!this.running) break;
      if (hadSnapshot) delay = this.o.minDelayMs;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      delay = Math.min(delay * 2, this.o.maxDelayMs);
    }
  }

  /** One connection; resolves when it ends. Returns whether a snapshot arrived on it. */
  private async connectOnce(): Promise<boolean> {
    const abort = new AbortController();
    this.abort = abort;
    const idle = idleAbort(abort, this.o.idleTimeoutMs);
    let gotSnapshot = false;
    try {
      idle.arm();
      const res = await this.o.fetch(this.o.baseUrl + PRINTER_STREAM_PATH, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${this.o.token}` },
        signal: abort.signal,
      });
      if (!res.ok || !res.body) return false;
      await readEventStream(res.body, idle, (events) => {
        let statuses = this.snap.statuses;
        for (const ev of events) {
          if (ev.event === 'snapshot') gotSnapshot = true;
          statuses = applyPrinterStreamEvent(statuses, ev.event, ev.data);
        }
        // A keep-alive counts as a sign of life; statuses stay "not live" until the first snapshot.
        this.update({ statuses, connected: gotSnapshot, lastEventAt: Date.now() });
      });
    } catch {
      // Network loss or abort: reconnect with backoff (the loop), nothing to report per attempt.
    } finally {
      idle.clear();
      if (this.abort === abort) this.abort = null;
      if (this.snap.connected) this.update({ connected: false });
    }
    return gotSnapshot;
  }
}
