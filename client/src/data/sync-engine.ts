import { BehaviorSubject, Subscription, auditTime, combineLatest, distinctUntilChanged, filter, map, type Observable } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationPullStreamItem, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { COLLECTION_NAMES, type Checkpoint, type CollectionName } from '@printfloor/shared';
import type { ApiClient } from './api-client.ts';
import { ChangeStream, type ChangeStreamOptions } from './change-stream.ts';
import type { PrintfloorDatabase } from './database.ts';
import type { SyncJournal } from './journal.ts';
import { mergeConflict } from './conflict-handlers.ts';
import { pushRows } from './push.ts';
import type { PushHold } from './push-hold.ts';
import { SyncHttpError } from './sync-errors.ts';
import { deriveStatus, type SyncFailure, type SyncStatus } from './sync-status.ts';
import { fromWire } from './wire.ts';
import { logger } from './logger.ts';

type Doc = Record<string, unknown>;
type Replication = RxReplicationState<Doc, Checkpoint>;
type PushRowIn = RxReplicationWriteToMasterRow<Doc>;

export interface SyncEngineOptions {
  db: PrintfloorDatabase;
  api: ApiClient;
  journal: SyncJournal;
  /** Names this replication in the local meta data: server origin + tenant, so two never mix. */
  identifier: string;
  collections?: readonly CollectionName[];
  /** Delay before a failed request is retried (skipped when the browser reports `online`). */
  retryTimeMs?: number;
  pullBatchSize?: number;
  /** ≤ 100 keeps each push one small transaction on the server. */
  pushBatchSize?: number;
  /** Only one tab of a browser replicates (RxDB leader election); off in Node. */
  waitForLeadership?: boolean;
  stream?: ChangeStreamOptions;
  /** Restored from the previous session so the indicator is right before the first exchange. */
  lastSyncedAt?: number | null;
  /** Keeps records inside their undo window on the tablet (see push-hold.ts). */
  hold?: PushHold;
}

interface Health {
  reachable: boolean;
  lastSyncedAt: number | null;
  lastFailure: SyncFailure | null;
}

/**
 * Replicates every collection with `replicateRxCollection` (pull by server sequence, push in
 * batches, live through ONE shared change stream) and reports a single sync status.
 */
export class SyncEngine {
  readonly replications = new Map<CollectionName, Replication>();
  readonly stream: ChangeStream;
  readonly status$: Observable<SyncStatus>;
  private readonly health: BehaviorSubject<Health>;
  private readonly browserOnline = new BehaviorSubject<boolean>(globalThis.navigator?.onLine ?? true);
  private readonly leader = new BehaviorSubject<boolean>(false);
  private readonly active = new BehaviorSubject<boolean>(false);
  /** Every collection has completed its first replication cycle since this engine started. */
  private readonly initialDone = new BehaviorSubject<boolean>(false);
  /** Highest checkpoint each collection has pulled: stream notices at or below it are old news. */
  private readonly pulledSeq = new Map<CollectionName, number>();
  private readonly subs = new Subscription();
  private readonly reconciling = new Set<CollectionName>();
  /** Collections that went idle again while their reconcile was running. */
  private readonly reconcileAgain = new Set<CollectionName>();
  private readonly names: readonly CollectionName[];
  private readonly stopping = new AbortController();

  constructor(private readonly opts: SyncEngineOptions) {
    this.names = opts.collections ?? COLLECTION_NAMES;
    this.stream = new ChangeStream(opts.api, opts.stream);
    this.health = new BehaviorSubject<Health>({ reachable: true, lastSyncedAt: opts.lastSyncedAt ?? null, lastFailure: null });
    this.status$ = this.buildStatus();
  }

  /** Starts replicating (after winning leadership when several tabs are open). */
  async start(): Promise<void> {
    this.subs.add(this.opts.api.onReachability((reachable) => this.patchHealth({ reachable })));
    this.watchBrowserOnline();
    if (this.opts.waitForLeadership ?? this.opts.db.multiInstance) {
      // Issue 9: never hold the app until this tab leads — another tab may lead for hours (this one
      // shows "standby"); replicate from the moment this tab wins the election.
      void this.opts.db.waitForLeadership().then(
        () => this.replicateAll(),
        (err: unknown) => logger.warn('leader election failed', err),
      );
      return;
    }
    await this.replicateAll();
  }

  private async replicateAll(): Promise<void> {
    if (this.opts.db.closed || this.stopping.signal.aborted) return;
    this.leader.next(true);
    for (const name of this.names) this.replications.set(name, this.replicate(name));
    const actives = [...this.replications.values()].map((r) => r.active$);
    this.subs.add(combineLatest(actives).pipe(map((a) => a.some(Boolean))).subscribe(this.active));
    this.stream.start();
    // Until every collection has finished its first pull/push cycle the tablet is not "synced",
    // even when nothing is waiting: a new tablet must not look up to date before its data arrived.
    void Promise.all([...this.replications.values()].map((r) => r.awaitInitialReplication())).then(
      () => this.initialDone.next(true),
      () => undefined,
    );
    await Promise.all([...this.replications.values()].map((r) => r.startPromise));
  }

  async stop(): Promise<void> {
    this.stopping.abort(new Error('sync stopped'));
    this.stream.stop();
    this.subs.unsubscribe();
    await Promise.all([...this.replications.values()].map((r) => r.cancel()));
  }

  /** Resolves when every collection has pushed and pulled everything (never while offline). */
  async awaitInSync(): Promise<void> {
    await Promise.all([...this.replications.values()].map((r) => r.awaitInSync()));
  }

  private replicate(name: CollectionName): Replication {
    const collection = this.opts.db.collections[name] as unknown as RxCollection<Doc>;
    const failure = (_: CollectionName, err: SyncHttpError) => this.recordFailure(name, err);
    const success = () => this.recordSuccess();
    const rep = replicateRxCollection<Doc, Checkpoint>({
      replicationIdentifier: `printfloor:${this.opts.identifier}:${name}`,
      collection,
      live: true,
      retryTime: this.opts.retryTimeMs ?? 3000,
      waitForLeadership: false, // leadership is awaited once for all collections in start()
      pull: {
        batchSize: this.opts.pullBatchSize ?? 1000,
        handler: (checkpoint, batchSize) => this.pull(name, checkpoint, batchSize),
        stream$: this.wakeUps(name),
      },
      push: {
        batchSize: Math.min(this.opts.pushBatchSize ?? 100, 100),
        handler: async (rows) =>
          pushRows(
            { api: this.opts.api, journal: this.opts.journal, onFailure: failure, onSuccess: success },
            name,
            await this.settleHeld(name, rows),
          ),
      },
    });
    this.subs.add(rep.conflict$.subscribe((c) => void this.logClash(name, c.input)));
    this.subs.add(rep.error$.subscribe((e) => logger.debug(`replication ${name}:`, e.message)));
    this.subs.add(
      rep.active$.pipe(distinctUntilChanged(), filter((a) => !a)).subscribe(() => void this.reconcilePending(name, rep)),
    );
    return rep;
  }

  /**
   * Waits while any row of the batch is inside its undo window, then sends each held row's current
   * local state (the record, or its tombstone when it was undone) instead of the state RxDB read
   * before the wait.
   */
  private async settleHeld(name: CollectionName, rows: PushRowIn[]): Promise<PushRowIn[]> {
    const hold = this.opts.hold;
    if (!hold) return rows;
    const ids = rows.map((r) => String(r.newDocumentState.id));
    if (!hold.isHeld(name, ids)) return rows;
    await hold.wait(name, ids, this.stopping.signal);
    const collection = this.opts.db.collections[name] as unknown as RxCollection<Doc>;
    const docs = await collection.storageInstance.findDocumentsById(ids, true);
    const current = new Map(docs.map((d) => [String(d.id), fromWire(name, d as Doc) as WithDeleted<Doc>]));
    return rows.map((r) => {
      const now = current.get(String(r.newDocumentState.id));
      return now ? { ...r, newDocumentState: now } : r;
    });
  }

  private async pull(name: CollectionName, checkpoint: Checkpoint | undefined, batchSize: number) {
    const seq = checkpoint?.seq ?? 0;
    try {
      const res = await this.opts.api.pull(name, seq, batchSize);
      this.recordSuccess();
      this.pulledSeq.set(name, Math.max(this.pulledSeq.get(name) ?? 0, res.checkpoint.seq));
      return { documents: res.documents.map((d) => fromWire(name, d) as WithDeleted<Doc>), checkpoint: res.checkpoint };
    } catch (err) {
      if (err instanceof SyncHttpError) this.recordFailure(name, err);
      throw err;
    }
  }

  /**
   * The stream only says "collection X has changes up to seq N" (a wake-up, never the data), so
   * each notice becomes a RESYNC of that collection: RxDB then pulls from its own checkpoint.
   * Bursts are coalesced; notices we have already pulled past are dropped.
   */
  private wakeUps(name: CollectionName): Observable<RxReplicationPullStreamItem<Doc, Checkpoint>> {
    return this.stream.messages$.pipe(
      filter((m) => m === 'RESYNC' || (m.collection === name && m.checkpoint.seq > (this.pulledSeq.get(name) ?? -1))),
      auditTime(20),
      map(() => 'RESYNC' as const),
    );
  }

  /**
   * After a replication goes idle, clears pending marks older than its confirmed in-sync point.
   * An idle moment that comes while a reconcile is still running is not dropped: that reconcile
   * only clears marks older than its own start, so an edit made since (say one whose conflict the
   * merge resolved to the server's version — nothing is pushed again, so no acknowledgement clears
   * it) would stay "waiting" until some later sync activity, which after a shift may never come
   * (issue 8's soak). The running reconcile goes round once more instead.
   */
  private async reconcilePending(name: CollectionName, rep: Replication): Promise<void> {
    if (rep.isStoppedOrPaused() || !rep.wasStarted) return;
    if (this.reconciling.has(name)) {
      this.reconcileAgain.add(name);
      return;
    }
    this.reconciling.add(name);
    try {
      do {
        this.reconcileAgain.delete(name);
        const before = Date.now();
        await rep.awaitInSync();
        if (rep.isStoppedOrPaused()) break;
        await this.opts.journal.clearPendingBefore(name, before);
      } while (this.reconcileAgain.has(name));
    } catch (err) {
      logger.debug('reconcile pending failed', err);
    } finally {
      this.reconciling.delete(name);
      this.reconcileAgain.delete(name);
    }
  }

  private async logClash(name: CollectionName, input: Parameters<typeof mergeConflict>[0]): Promise<void> {
    const { merged, clashes } = mergeConflict(input);
    if (clashes.length === 0) return;
    try {
      await this.opts.journal.logClash(name, String(merged.id), clashes, merged);
    } catch (err) {
      logger.warn('could not log a clash', err);
    }
  }

  private recordSuccess(): void {
    const h = this.health.value;
    this.health.next({ reachable: true, lastSyncedAt: Date.now(), lastFailure: h.lastFailure?.kind === 'fatal' ? h.lastFailure : null });
  }

  private recordFailure(collection: CollectionName, err: SyncHttpError): void {
    this.patchHealth({ lastFailure: { kind: err.kind, collection, message: err.message, code: err.code, at: Date.now() } });
  }

  private patchHealth(p: Partial<Health>): void {
    this.health.next({ ...this.health.value, ...p });
  }

  private watchBrowserOnline(): void {
    const on = () => this.browserOnline.next(true);
    const off = () => this.browserOnline.next(false);
    globalThis.addEventListener?.('online', on);
    globalThis.addEventListener?.('offline', off);
    this.subs.add(() => {
      globalThis.removeEventListener?.('online', on);
      globalThis.removeEventListener?.('offline', off);
    });
  }

  private buildStatus(): Observable<SyncStatus> {
    const j = this.opts.journal;
    return combineLatest([
      this.leader,
      this.browserOnline,
      this.stream.connected$,
      this.health,
      combineLatest([this.active, this.initialDone]).pipe(map(([a, done]) => a || !done)),
      j.pendingCount$(),
      j.open$('rejected').pipe(map((e) => e.length)),
      j.open$('clash').pipe(map((e) => e.length)),
    ]).pipe(
      auditTime(50),
      map(([leader, browserOnline, streamConnected, h, active, pending, rejected, clashes]) =>
        deriveStatus({
          leader,
          browserOnline,
          streamConnected,
          reachable: h.reachable,
          active,
          pending,
          lastSyncedAt: h.lastSyncedAt,
          lastFailure: h.lastFailure,
          rejected,
          clashes,
        }),
      ),
    );
  }
}
