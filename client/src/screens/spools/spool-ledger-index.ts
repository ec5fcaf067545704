import type { RxCollection, RxStorageChangeEvent } from 'rxdb';
import { Subscription } from 'rxjs';
import { foldSpoolLedger, type LedgerState, type SpoolMovement } from '@printfloor/shared';
import type { PrintfloorDatabase } from '../../data/database.ts';
import { Observed } from '../../floor/key-value.ts';

/**
 * Every spool's ledger, kept in memory from RxDB's change stream and folded per spool on demand,
 * cached until that spool's ledger (or its nominal net weight) changes.
 *
 * Why: the list used to fold all 50,000 movements of 5,000 spools on every render and every
 * synced movement. Here one movement in marks one spool stale; the next read refolds that spool's
 * ~10 movements with the shared fold (`foldSpoolLedger` stays the one rule, so the figure is exact
 * by construction: weigh-ins stay absolute, sums stay in integer milligrams), and every other
 * spool's figure is reused. Spools nobody looks at are never folded (the default filter needs no
 * level; "low" and "empty" fold each spool once and then reuse it).
 */

type Doc = Record<string, unknown> & { id: string };

/** Only the schema's fields: RxDB's `_meta`, `_rev` and `_attachments` are not part of a movement. */
function strip(d: Record<string, unknown>): SpoolMovement {
  const { _meta: _m, _rev: _r, _attachments: _a, _deleted: _d, ...rest } = d;
  return rest as unknown as SpoolMovement;
}

interface Cached {
  net: number;
  state: LedgerState;
}

/** The pure part: movements by spool, and folds cached per spool. Unit-tested against the full fold. */
export class SpoolLedgers {
  private readonly movements = new Map<string, SpoolMovement>();
  private readonly bySpool = new Map<string, Map<string, SpoolMovement>>();
  private readonly cache = new Map<string, Cached>();
  /** Folds run since creation (for tests: a change must refold only its own spool). */
  folds = 0;

  /** Adds or replaces a movement (by id); marks its spool, and the spool it moved from, stale. */
  put(m: SpoolMovement): void {
    this.remove(m.id);
    this.movements.set(m.id, m);
    let list = this.bySpool.get(m.spoolId);
    if (!list) this.bySpool.set(m.spoolId, (list = new Map<string, SpoolMovement>()));
    list.set(m.id, m);
    this.cache.delete(m.spoolId);
  }

  remove(id: string): void {
    const prev = this.movements.get(id);
    if (!prev) return;
    this.movements.delete(id);
    const list = this.bySpool.get(prev.spoolId);
    list?.delete(id);
    if (list?.size === 0) this.bySpool.delete(prev.spoolId);
    this.cache.delete(prev.spoolId);
  }

  /** The spool's folded ledger: equal to `foldSpoolLedger(all its movements, net)`. */
  get(spoolId: string, netWeightG: number): LedgerState {
    const hit = this.cache.get(spoolId);
    if (hit && Object.is(hit.net, netWeightG)) return hit.state;
    const list = this.bySpool.get(spoolId);
    const state = foldSpoolLedger(list ? [...list.values()] : [], netWeightG);
    this.folds++;
    this.cache.set(spoolId, { net: netWeightG, state });
    return state;
  }

  get size(): number {
    return this.movements.size;
  }
}

/** `SpoolLedgers` fed from the database: loaded once, then followed change by change. */
export class SpoolLedgerIndex {
  readonly ledgers = new SpoolLedgers();
  private readonly subs = new Subscription();
  private bumpQueued = false;
  /** Bumps after every batch of changes (coalesced per microtask); `-1` until the first load is done. */
  readonly version = new Observed(-1);
  readonly failure = new Observed<string | null>(null);

  constructor(private readonly db: PrintfloorDatabase) {}

  /** Subscribes to changes first, then reads every movement, so nothing written meanwhile is missed. */
  async start(): Promise<void> {
    try {
      const coll = this.db.collections.spool_movements as unknown as RxCollection<Doc>;
      const buffered: RxStorageChangeEvent<Doc>[] = [];
      let loaded = false;
      this.subs.add(
        coll.eventBulks$.subscribe((bulk) => {
          for (const ev of bulk.events as RxStorageChangeEvent<Doc>[]) {
            if (loaded) this.apply(ev);
            else buffered.push(ev);
          }
          if (loaded) this.bump();
        }),
      );
      // Raw storage rows: no RxDocument per movement for 50,000 rows we only read.
      const res = await coll.storageInstance.query(coll.find().getPreparedQuery());
      for (const d of res.documents) this.ledgers.put(strip(d));
      loaded = true;
      // Replayed in order after the read: upserts by id converge on the newest state.
      for (const ev of buffered) this.apply(ev);
      this.version.set(0);
    } catch (err) {
      this.failure.set(err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  stop(): void {
    this.subs.unsubscribe();
  }

  private apply(ev: RxStorageChangeEvent<Doc>): void {
    const data = ev.documentData as unknown as Record<string, unknown>;
    if (ev.operation === 'DELETE' || data._deleted === true) this.ledgers.remove(ev.documentId);
    else this.ledgers.put(strip(data));
  }

  private bump(): void {
    if (this.bumpQueued) return;
    this.bumpQueued = true;
    queueMicrotask(() => {
      this.bumpQueued = false;
      this.version.set(this.version.get() + 1);
    });
  }
}
