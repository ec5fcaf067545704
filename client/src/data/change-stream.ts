import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { isCollectionName, type Checkpoint, type StreamMessage } from '@printfloor/shared';
import type { ApiClient } from './api-client.ts';
import { idleAbort, readEventStream } from './sse-parser.ts';
import { logger } from './logger.ts';

export interface ChangeStreamOptions {
  /** First reconnect delay; doubles per failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** No byte for this long (not even a keep-alive) means a half-open connection: reconnect. */
  idleTimeoutMs?: number;
}

/** Parses one SSE `data` payload into a stream message; unknown payloads are dropped (and logged). */
export function parseStreamMessage(data: string): StreamMessage | null {
  const text = data.trim();
  if (text === 'RESYNC' || text === '"RESYNC"') return 'RESYNC';
  try {
    const msg = JSON.parse(text) as { collection?: unknown; checkpoint?: Partial<Checkpoint> };
    if (typeof msg.collection === 'string' && isCollectionName(msg.collection) && typeof msg.checkpoint?.seq === 'number') {
      return { collection: msg.collection, checkpoint: { seq: msg.checkpoint.seq } };
    }
  } catch {
    // fall through
  }
  logger.warn('change stream: ignoring unknown message', text.slice(0, 200));
  return null;
}

/**
 * The ONE live connection to `GET /api/sync/stream`, shared by every collection's replication.
 * fetch-based rather than EventSource so the token travels in the Authorization header (not in
 * URLs that end up in logs) and so the same code runs in Node tests. Reconnects with backoff, at
 * once when the browser reports `online`; the server answers every (re)connect with RESYNC.
 */
export class ChangeStream {
  readonly connected$ = new BehaviorSubject<boolean>(false);
  private readonly messages = new Subject<StreamMessage>();
  readonly messages$: Observable<StreamMessage> = this.messages.asObservable();
  private running = false;
  private abort: AbortController | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly opts: Required<ChangeStreamOptions>;

  constructor(
    private readonly api: ApiClient,
    opts: ChangeStreamOptions = {},
  ) {
    this.opts = { minDelayMs: 500, maxDelayMs: 15_000, idleTimeoutMs: 90_000, ...opts };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    globalThis.addEventListener?.('online', this.onOnline);
    void this.loop();
  }

  stop(): void {
    this.running = false;
    globalThis.removeEventListener?.('online', this.onOnline);
    this.abort?.abort();
    this.wakeUp?.();
    this.connected$.next(false);
  }

  /** Drops the current connection (if any) and connects again without waiting for the backoff. */
  reconnectNow(): void {
    this.abort?.abort();
    this.wakeUp?.();
  }

  private readonly onOnline = (): void => this.reconnectNow();

  private async loop(): Promise<void> {
    let delay = this.opts.minDelayMs;
    while (this.running) {
      const hadConnection = await this.connectOnce();
      if (!this.running) break;
      if (hadConnection) delay = this.opts.minDelayMs;
      await this.sleep(delay);
      delay = Math.min(delay * 2, this.opts.maxDelayMs);
    }
  }

  /** One connection attempt; resolves when it ends. Returns whether it ever connected. */
  private async connectOnce(): Promise<boolean> {
    const abort = new AbortController();
    this.abort = abort;
    const idle = idleAbort(abort, this.opts.idleTimeoutMs);
    let connected = false;
    try {
      const res = await this.api.request(
        '/api/sync/stream',
        { headers: { Accept: 'text/event-stream' }, signal: abort.signal },
        0,
      );
      if (!res.body) throw new Error('stream response has no body');
      connected = true;
      this.connected$.next(true);
      idle.arm();
      await readEventStream(res.body, idle, (events) => {
        for (const ev of events) {
          const msg = parseStreamMessage(ev.data);
          if (msg) this.messages.next(msg);
        }
      });
    } catch (err) {
      // Offline is the normal state of a tablet in a dead zone: not worth a warning each retry.
      if (!abort.signal.aborted) logger.debug('change stream: connection failed', err instanceof Error ? err.message : err);
    } finally {
      idle.clear();
      abort.abort();
      if (this.abort === abort) this.abort = null;
      this.connected$.next(false);
    }
    return connected;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}
