import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import type { CollectionName } from '@printfloor/shared';
import type { BusEvent, ChangeBus } from '../db/change-bus.ts';
import type { Logger } from '../logger.ts';

/** SSE comment sent when nothing else was: keeps proxies from closing an idle stream (the client gives up after 90 s of silence). */
const KEEPALIVE_MS = 25_000;

/**
 * One open `GET /api/sync/stream`. Messages are coalesced per collection while the socket is busy
 * (only the latest checkpoint matters: the client pulls from its own checkpoint anyway), so a slow
 * tablet never makes the server buffer an unbounded backlog.
 *
 * Wire format (unnamed SSE events): `data: RESYNC`, or `data: {"collection":…,"checkpoint":{"seq":…}}`.
 */
class StreamConnection {
  readonly #pending = new Map<CollectionName, number>();
  #resync = false;
  #flushing = false;
  #closed = false;
  #finish!: () => void;
  readonly done = new Promise<void>((resolve) => (this.#finish = resolve));

  readonly #stream: SSEStreamingApi;

  constructor(
    readonly tenantId: string,
    stream: SSEStreamingApi,
    /** Whether the caller may still listen (a revoked device's open stream is closed at the next tick). */
    readonly stillAllowed: () => Promise<boolean>,
    /** The device listening: its revocation event closes the stream at once (issue 7). */
    readonly deviceId?: string,
  ) {
    this.#stream = stream;
  }

  change(collection: CollectionName, seq: number): void {
    this.#pending.set(collection, Math.max(seq, this.#pending.get(collection) ?? 0));
    this.#kick();
  }

  resync(): void {
    this.#resync = true;
    this.#pending.clear(); // RESYNC means "pull from your checkpoints": it covers every pending change
    this.#kick();
  }

  keepalive(): void {
    if (!this.#flushing && !this.#closed) this.#stream.write(': keep-alive\n\n').catch(() => this.close());
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#finish();
  }

  #kick(): void {
    if (this.#flushing || this.#closed) return;
    this.#flushing = true;
    this.#flush()
      .catch(() => this.close())
      .finally(() => (this.#flushing = false));
  }

  async #flush(): Promise<void> {
    while (!this.#closed && (this.#resync || this.#pending.size > 0)) {
      if (this.#resync) {
        this.#resync = false;
        await this.#stream.writeSSE({ data: 'RESYNC' });
        continue;
      }
      const [collection, seq] = this.#pending.entries().next().value as [CollectionName, number];
      this.#pending.delete(collection);
      await this.#stream.writeSSE({ data: JSON.stringify({ collection, checkpoint: { seq } }) });
    }
  }
}

/** Fans the change bus out to this instance's open streams, by tenant (sync rule 7 and 8). */
export class StreamHub {
  readonly #byTenant = new Map<string, Set<StreamConnection>>();
  readonly #unsubscribe: () => void;
  readonly #keepalive: NodeJS.Timeout;
  readonly #log: Logger;

  constructor(bus: ChangeBus, log: Logger) {
    this.#log = log;
    this.#unsubscribe = bus.subscribe((e) => this.#dispatch(e));
    this.#keepalive = setInterval(() => void this.tick(), KEEPALIVE_MS).unref();
  }

  /** The SSE response for a caller of `tenantId`: RESYNC first (every (re)connect), then changes. */
  open(c: Context, tenantId: string, stillAllowed: () => Promise<boolean>, deviceId?: string): Response {
    return streamSSE(c, async (stream) => {
      const conn = new StreamConnection(tenantId, stream, stillAllowed, deviceId);
      this.#add(conn);
      stream.onAbort(() => conn.close());
      // `retry:` makes EventSource reconnect after 1 s instead of its default few seconds.
      await stream.write('retry: 1000\n\n');
      conn.resync();
      await conn.done;
      this.#remove(conn);
    });
  }

  get size(): number {
    let n = 0;
    for (const set of this.#byTenant.values()) n += set.size;
    return n;
  }

  /** Ends every stream (server shutdown); clients reconnect elsewhere and get RESYNC there. */
  close(): void {
    this.#unsubscribe();
    clearInterval(this.#keepalive);
    this.#each((c) => c.close());
  }

  /** Every KEEPALIVE_MS: a keep-alive comment on idle streams, and streams of revoked devices closed. */
  async tick(): Promise<void> {
    const all: StreamConnection[] = [];
    this.#each((c) => all.push(c));
    await Promise.all(
      all.map(async (c) => {
        c.keepalive();
        try {
          if (!(await c.stillAllowed())) c.close();
        } catch (err) {
          this.#log.warn('could not re-check the device of a stream', { err });
        }
      }),
    );
  }

  #dispatch(e: BusEvent): void {
    if (e.type === 'resync') {
      this.#log.info('sending RESYNC to every open stream', { streams: this.size });
      this.#each((c) => c.resync());
      return;
    }
    if (e.type === 'device_revoked') {
      this.#each((c) => {
        if (c.deviceId === e.deviceId) c.close();
      });
      return;
    }
    const set = this.#byTenant.get(e.change.tenantId);
    if (set) for (const c of set) c.change(e.change.collection, e.change.seq);
  }

  #each(fn: (c: StreamConnection) => void): void {
    for (const set of this.#byTenant.values()) for (const c of set) fn(c);
  }

  #add(conn: StreamConnection): void {
    let set = this.#byTenant.get(conn.tenantId);
    if (!set) this.#byTenant.set(conn.tenantId, (set = new Set()));
    set.add(conn);
  }

  #remove(conn: StreamConnection): void {
    const set = this.#byTenant.get(conn.tenantId);
    set?.delete(conn);
    if (set?.size === 0) this.#byTenant.delete(conn.tenantId);
  }
}
