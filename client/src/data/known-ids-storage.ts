import {
  getChangedDocumentsSince,
  type BulkWriteRow,
  type EventBulk,
  type PreparedQuery,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageCountResult,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
} from 'rxdb';
import type { Observable, Subscription } from 'rxjs';

/**
 * Why (issue 9, first sync): RxDB's replication looks up every pulled document twice before it
 * writes it — its local state (`findDocumentsById` on the collection) and its assumed master state
 * (`findDocumentsById` on the replication's meta store) — and each storage write looks it up once
 * more to detect conflicts. On a new tablet all of those lookups miss, and with Dexie each is an
 * IndexedDB request: a 20,000-document first sync made ~6 IndexedDB requests per document where a
 * plain `bulkPut` makes one.
 *
 * This wrapper answers `findDocumentsById` without IndexedDB for ids it KNOWS are absent: a storage
 * instance that was empty when it opened keeps the set of every id ever written to it (by this tab
 * through `bulkWrite`, by other tabs through the instance's change stream, which RxDB's
 * multi-instance support feeds from the BroadcastChannel). An id outside that set was never
 * written, so "not found" is the true answer; any id inside it (or any instance that was not empty
 * when opened, where the set would have to be loaded first) goes to IndexedDB as before.
 *
 * The set only ever grows (tombstones are documents too; a cleanup that purges them leaves ids in
 * the set, which merely sends those lookups to IndexedDB), so it can only err towards asking
 * IndexedDB. Writes themselves are untouched: the storage's own conflict check still runs.
 *
 * Other tabs: a pulled id can only be asked for after the server sent it, and a document another
 * tab wrote reaches the server only through the leader's push, which reads the same change stream
 * this set is fed from (and subscribed to first). The one window left: a second tab open on a
 * brand-new tablet, whose leader dies between an IndexedDB commit and that commit's broadcast, then
 * re-pulls the page as the new leader. Its write of those documents is refused by the storage's
 * conflict check (the data is already there, equal to the master's) and their assumed-master rows
 * may be missing; a later edit of one then meets the server as a conflict, which the field merge
 * settles in favour of the later edit (logged as a clash) — nothing is lost.
 */
export function wrapKnownIdsStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const inner = await storage.createStorageInstance(params);
      const wrapped = new KnownIdsInstance(inner);
      await wrapped.init();
      return wrapped;
    },
  };
}

type Instance<T, I, O> = RxStorageInstance<T, I, O>;

/** Counters for tests and the profile: lookups answered here vs. passed to IndexedDB. */
export const knownIdsStats = { answered: 0, delegated: 0 };

export class KnownIdsInstance<RxDocType, Internals, Options> implements Instance<RxDocType, Internals, Options> {
  /** Every id ever written, or null when unknown (the instance held documents when it opened). */
  private known: Set<string> | null = new Set();
  private readonly sub: Subscription;
  private readonly primaryPath: string;

  constructor(private readonly inner: Instance<RxDocType, Internals, Options>) {
    const pk = inner.schema.primaryKey;
    this.primaryPath = typeof pk === 'string' ? pk : String(pk.key);
    // Subscribed before the emptiness check, so no other tab's write can slip between the two.
    this.sub = inner.changeStream().subscribe((bulk) => {
      const known = this.known;
      if (known) for (const ev of bulk.events) known.add(ev.documentId);
    });
  }

  /** An instance that already holds documents is left alone (its ids would have to be loaded). */
  async init(): Promise<void> {
    // Tombstones count: RxDB's changes-since query includes deleted documents.
    const probe = await getChangedDocumentsSince(this.inner, 1);
    if (probe.documents.length > 0) this.known = null;
  }

  /** Whether lookups are being short-cut (false once the instance is not known to be complete). */
  get tracking(): boolean {
    return this.known !== null;
  }

  get databaseName() {
    return this.inner.databaseName;
  }
  get internals() {
    return this.inner.internals;
  }
  get options() {
    return this.inner.options;
  }
  get schema() {
    return this.inner.schema;
  }
  get collectionName() {
    return this.inner.collectionName;
  }
  get underlyingPersistentStorage() {
    return this.inner.underlyingPersistentStorage;
  }

  bulkWrite(rows: BulkWriteRow<RxDocType>[], context: string): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    // Known before the write starts: a lookup racing the write then asks IndexedDB.
    const known = this.known;
    if (known) {
      for (const row of rows) known.add(String((row.document as Record<string, unknown>)[this.primaryPath]));
    }
    return this.inner.bulkWrite(rows, context);
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    const known = this.known;
    if (!known) {
      knownIdsStats.delegated += ids.length;
      return this.inner.findDocumentsById(ids, withDeleted);
    }
    const maybe = ids.filter((id) => known.has(id));
    knownIdsStats.answered += ids.length - maybe.length;
    knownIdsStats.delegated += maybe.length;
    return maybe.length === 0 ? [] : this.inner.findDocumentsById(maybe, withDeleted);
  }

  query(q: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    return this.inner.query(q);
  }

  count(q: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    return this.inner.count(q);
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    return this.inner.getAttachmentData(documentId, attachmentId, digest);
  }

  changeStream(): Observable<EventBulk<RxStorageChangeEvent<RxDocType>, unknown>> {
    return this.inner.changeStream();
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.inner.cleanup(minimumDeletedTime);
  }

  close(): Promise<void> {
    this.sub.unsubscribe();
    return this.inner.close();
  }

  remove(): Promise<void> {
    this.sub.unsubscribe();
    return this.inner.remove();
  }
}
