import { map, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { docsEqual } from '@printfloor/shared';
import { newId } from './ids.ts';
import type { JournalEntry } from './journal-schema.ts';
import { reportIfStorageFull } from '../pwa/storage-errors.ts';

type Doc = Record<string, unknown>;

/** Reads the current local state of documents by id, tombstones included (as `_deleted: true`). */
export type LocalReader = (collection: string, ids: string[]) => Promise<Map<string, Doc>>;

const pendingId = (collection: string, docId: string) => `pending:${collection}:${docId}`;

/**
 * The device-local sync journal: which local edits the server has not acknowledged yet (the
 * "N edits waiting" count, kept in IndexedDB so it survives a reload or a crash), and the clashes
 * and rejections the user must see.
 *
 * Counting rule: an edit is marked pending BEFORE it is written, so the count can run briefly high
 * but never low. A pending mark is cleared when a push of exactly the current local state is
 * acknowledged, or when the collection's replication reports it is in sync.
 */
export class SyncJournal {
  /** Documents with a local write in progress: never cleared under a write's feet. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly coll: RxCollection<JournalEntry>,
    private readonly readLocal: LocalReader,
  ) {}

  /** Runs a local write of one document, marking it pending first. */
  async trackWrite<T>(collection: string, docId: string, write: () => Promise<T>): Promise<T> {
    const key = pendingId(collection, docId);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    try {
      await this.coll.upsert({
        id: key,
        kind: 'pending',
        collectionName: collection,
        docId,
        at: Date.now(),
        summary: '',
        details: '',
        dismissed: false,
      });
      return await write();
    } catch (err) {
      // Issue 9: a write refused for lack of space raises the app-wide storage-full alert.
      reportIfStorageFull(err);
      throw err;
    } finally {
      const n = (this.inFlight.get(key) ?? 1) - 1;
      if (n <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, n);
    }
  }

  /** The server accepted these document states: clear their pending marks if nothing changed since. */
  async acknowledge(collection: string, pushed: Doc[]): Promise<void> {
    if (pushed.length === 0) return;
    const ids = pushed.map((d) => String(d.id));
    const local = await this.readLocal(collection, ids);
    const done = pushed
      .filter((d) => !this.inFlight.has(pendingId(collection, String(d.id))))
      .filter((d) => docsEqual(local.get(String(d.id)) ?? null, d))
      .map((d) => pendingId(collection, String(d.id)));
    if (done.length > 0) await this.coll.bulkRemove(done);
  }

  /** Replication is in sync: every edit marked before `before` (epoch ms) reached the server. */
  async clearPendingBefore(collection: string, before: number): Promise<void> {
    const stale = await this.coll
      .find({ selector: { kind: 'pending', collectionName: collection, at: { $lt: before } } })
      .exec();
    const ids = stale.map((d) => d.id).filter((id) => !this.inFlight.has(id));
    if (ids.length > 0) await this.coll.bulkRemove(ids);
  }

  async logClash(collection: string, docId: string, fields: string[], result: Doc): Promise<void> {
    await this.coll.insert({
      id: newId(),
      kind: 'clash',
      collectionName: collection,
      docId,
      at: Date.now(),
      summary: `Edited on two devices: ${fields.join(', ')} — kept the later edit`,
      details: JSON.stringify({ fields, result }),
      dismissed: false,
    });
  }

  /** A row the server refused as invalid: parked here (visible) instead of blocking the queue forever. */
  async logRejected(collection: string, doc: Doc, error: { code: string; message: string; details?: unknown }): Promise<void> {
    const docId = String(doc.id);
    const version = typeof doc.updatedAt === 'string' ? doc.updatedAt : typeof doc.at === 'string' ? doc.at : '';
    // Keyed by the document state so a retried batch does not list the same refusal twice.
    await this.coll.upsert({
      id: `rejected:${collection}:${docId}:${version}`,
      kind: 'rejected',
      collectionName: collection,
      docId,
      at: Date.now(),
      summary: `${error.code}: ${error.message}`,
      details: JSON.stringify({ error, doc }),
      dismissed: false,
    });
    await this.coll.bulkRemove([pendingId(collection, docId)]);
  }

  async dismiss(id: string): Promise<void> {
    const doc = await this.coll.findOne(id).exec();
    if (doc) await doc.incrementalPatch({ dismissed: true });
  }

  /** Edits not yet acknowledged by the server (an index-backed count). */
  pendingCount$(): Observable<number> {
    return this.coll.count({ selector: { kind: 'pending' } }).$;
  }

  /** Undismissed clashes or rejections, newest first. */
  open$(kind: 'clash' | 'rejected', limit = 200): Observable<JournalEntry[]> {
    return this.coll
      .find({ selector: { kind, dismissed: false }, sort: [{ at: 'desc' }], limit })
      .$.pipe(map((docs) => docs.map((d) => d.toJSON() as JournalEntry)));
  }
}
