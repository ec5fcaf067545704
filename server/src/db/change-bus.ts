import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { CollectionName } from '@printfloor/shared';
import { isCollectionName } from '@printfloor/shared';
import type { Executor } from './executor.ts';
import type { Logger } from '../logger.ts';

/** A committed write: ids and sequence numbers only, never the rows (sync rule 7: a wake-up, not the data). */
export interface Change {
  tenantId: string;
  collection: CollectionName;
  seq: number;
}

/** `resync`: this instance may have missed changes (its listener reconnected); clients must pull from their checkpoints. */
export type BusEvent =
  | { type: 'change'; change: Change }
  | { type: 'resync' }
  /** A device token was revoked: close its open streams now, not at the next keep-alive (issue 7). */
  | { type: 'device_revoked'; deviceId: string };

/**
 * Live fan-out of committed changes to every server instance (sync rule 7).
 * A writer calls `announce` inside its transaction and `committed` after the commit.
 */
export interface ChangeBus {
  announce(tx: Executor, change: Change): Promise<void>;
  committed(change: Change): void;
  /** Tells every instance that `deviceId` was revoked, once `tx` (the revoking write) commits. */
  announceRevocation(tx: Executor, deviceId: string): Promise<void>;
  subscribe(fn: (e: BusEvent) => void): () => void;
  close(): Promise<void>;
}

export const NOTIFY_CHANNEL = 'printfloor_sync';
export const LISTENER_APPLICATION_NAME = 'printfloor-listener';

/**
 * postgres-js's connection-level notification hook: what its own `sql.listen` is built on
 * (src/index.js), present since 3.0 but missing from its typings.
 */
interface NotifyOption {
  onnotify: (channel: string, payload: string) => void;
}

/** PGlite is one process's embedded database: an in-process emitter is the whole fan-out. */
export class LocalChangeBus implements ChangeBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  announce(): Promise<void> {
    return Promise.resolve();
  }

  committed(change: Change): void {
    this.#emitter.emit('event', { type: 'change', change } satisfies BusEvent);
  }

  /** One process: the revoking write has committed by the time the caller awaits this. */
  announceRevocation(_tx: Executor, deviceId: string): Promise<void> {
    this.#emitter.emit('event', { type: 'device_revoked', deviceId } satisfies BusEvent);
    return Promise.resolve();
  }

  subscribe(fn: (e: BusEvent) => void): () => void {
    this.#emitter.on('event', fn);
    return () => this.#emitter.off('event', fn);
  }

  close(): Promise<void> {
    this.#emitter.removeAllListeners();
    return Promise.resolve();
  }
}

/**
 * Postgres LISTEN/NOTIFY. The NOTIFY is issued inside the push transaction: Postgres delivers it
 * only if and when that transaction commits, so a listener never hears of a row it cannot read yet
 * and a crash between commit and notify cannot lose the wake-up. Every instance (this one included)
 * learns of changes through its own LISTEN connection.
 *
 * The LISTEN connection is our own (not postgres-js's `sql.listen`, which gives up silently when a
 * re-listen fails): when it drops, we re-LISTEN with backoff and then emit `resync`, because
 * notifications sent while we were not listening are gone.
 */
export class PgNotifyBus implements ChangeBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  readonly #log: Logger;
  readonly #conn: postgres.Sql;
  #closing = false;
  #retry: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #backoffMs = 50;

  private constructor(url: string, log: Logger) {
    this.#log = log;
    const options: postgres.Options<Record<string, never>> & NotifyOption = {
      max: 1,
      // Named so an operator (or a test) can find it in pg_stat_activity.
      connection: { application_name: LISTENER_APPLICATION_NAME },
      idle_timeout: 0,
      max_lifetime: null,
      fetch_types: false,
      onnotice: () => undefined,
      onnotify: (channel, payload) => this.#onNotify(channel, payload),
      onclose: () => this.#onClose(),
    };
    this.#conn = postgres(url, options);
  }

  static async start(url: string, log: Logger): Promise<PgNotifyBus> {
    const bus = new PgNotifyBus(url, log);
    await bus.#listen();
    // A quiet connection can die unnoticed (NAT, failover): re-issuing the (idempotent) LISTEN every
    // 20 s surfaces a dead one, and keeps pg_stat_activity showing what this connection is for.
    bus.#heartbeat = setInterval(() => void bus.#listen().catch(() => undefined), 20_000).unref();
    return bus;
  }

  async announce(tx: Executor, change: Change): Promise<void> {
    await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify(change)})`);
  }

  committed(): void {
    // Delivered by Postgres to every listener, this instance included.
  }

  async announceRevocation(tx: Executor, deviceId: string): Promise<void> {
    await tx.execute(
      sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ revokedDevice: deviceId })})`,
    );
  }

  subscribe(fn: (e: BusEvent) => void): () => void {
    this.#emitter.on('event', fn);
    return () => this.#emitter.off('event', fn);
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#retry);
    clearInterval(this.#heartbeat);
    this.#emitter.removeAllListeners();
    await this.#conn.end({ timeout: 1 });
  }

  async #listen(): Promise<void> {
    await this.#conn.unsafe(`listen ${NOTIFY_CHANNEL}`);
  }

  #onNotify(channel: string, payload: string): void {
    if (channel !== NOTIFY_CHANNEL) return;
    const revoked = parseRevocation(payload);
    if (revoked) {
      this.#emitter.emit('event', { type: 'device_revoked', deviceId: revoked } satisfies BusEvent);
      return;
    }
    const change = parseChange(payload);
    if (change) this.#emitter.emit('event', { type: 'change', change } satisfies BusEvent);
    else this.#log.warn('ignoring malformed sync notification', { payload });
  }

  #onClose(): void {
    if (this.#closing || this.#retry) return;
    this.#log.warn('sync listener connection closed; re-listening');
    this.#scheduleRelisten();
  }

  #scheduleRelisten(): void {
    this.#retry = setTimeout(() => {
      this.#listen().then(
        () => {
          this.#retry = undefined;
          this.#backoffMs = 50;
          this.#log.info('sync listener reconnected; telling clients to resync');
          this.#emitter.emit('event', { type: 'resync' } satisfies BusEvent);
        },
        (err: unknown) => {
          this.#log.warn('sync listener reconnect failed', { err });
          this.#backoffMs = Math.min(this.#backoffMs * 2, 5_000);
          this.#scheduleRelisten();
        },
      );
    }, this.#backoffMs);
  }

  /** The backend pid of the LISTEN connection (tests terminate it to prove the RESYNC path). */
  async listenerPid(): Promise<number> {
    const rows = await this.#conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
    return rows[0]!.pid;
  }
}

function parseChange(payload: string): Change | undefined {
  try {
    const v = JSON.parse(payload) as Partial<Change>;
    if (
      typeof v.tenantId === 'string' &&
      typeof v.seq === 'number' &&
      typeof v.collection === 'string' &&
      isCollectionName(v.collection)
    ) {
      return { tenantId: v.tenantId, collection: v.collection, seq: v.seq };
    }
  } catch {
    // fall through
  }
  return undefined;
}

function parseRevocation(payload: string): string | undefined {
  if (!payload.startsWith('{"revokedDevice"')) return undefined;
  try {
    const v = JSON.parse(payload) as { revokedDevice?: unknown };
    return typeof v.revokedDevice === 'string' ? v.revokedDevice : undefined;
  } catch {
    return undefined;
  }
}
