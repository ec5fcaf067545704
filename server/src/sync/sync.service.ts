import { COLLECTIONS, COLLECTION_NAMES } from '@printfloor/shared';
import type { CollectionName } from '@printfloor/shared';
import type { Database } from '../db/database.ts';
import type { Change } from '../db/change-bus.ts';
import { decidePush, optimisticCreates } from './push-decision.ts';
import type { AnyPushRow, AnyWireDoc } from './push-decision.ts';
import {
  countLive,
  findMasters,
  insertNew,
  lockCounter,
  pullJson,
  setCounter,
  writeRows,
} from './sync.repo.ts';
import { toRow, wireOf } from './wire.ts';
import { scopeToTenant, withTenant } from '../db/tenant-scope.ts';
import { docAuditEntries } from '../audit/doc-audit.ts';
import type { PushActor } from '../audit/doc-audit.ts';
import { insertDocAudit } from '../audit/audit.repo.ts';
import { AppError } from '../http/errors.ts';

/** Who writes when a caller names no one (the demo seeder, the relay's consumption records). */
const SYSTEM: PushActor = { actor: 'system' };

/**
 * The sync rules of DESIGN.md over validated input. Callers (routes, the demo seeder) have already
 * checked the tenant and the documents' shape.
 */
export class SyncService {
  readonly #db: Database;
  readonly #now: () => Date;
  /** Per tenant: pushes waiting or being applied, in arrival order (see `push`). */
  readonly #queues = new Map<string, PendingPush[]>();
  readonly #stats = { pushes: 0, transactions: 0 };

  constructor(db: Database, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * Up to `limit` documents after `seq`, in seq order, as the JSON text of a `PullResponse`; an empty
   * page returns the incoming checkpoint (rule 6). The database joins the stored wire forms (see
   * pullJson), which server/bench measures faster than a raw SELECT of the rows on both drivers.
   */
  async pullBody(tenantId: string, name: CollectionName, seq: number, limit: number): Promise<string> {
    // Scoped by row-level security too (issue 7): a bug in the query's own filter cannot leak a row.
    const { json, lastSeq } = await withTenant(this.#db.orm, tenantId, (tx) =>
      pullJson(tx, wireOf(name), tenantId, seq, limit),
    );
    return `{"documents":${json},"checkpoint":{"seq":${lastSeq ?? seq}}}`;
  }

  /**
   * Live documents per collection of the tenant, for a new tablet's first-sync progress
   * ("documents so far of the total"). Approximate by nature: writes may land while it syncs.
   */
  async counts(tenantId: string): Promise<Record<CollectionName, number>> {
    return withTenant(this.#db.orm, tenantId, async (tx) => {
      const out = {} as Record<CollectionName, number>;
      for (const name of COLLECTION_NAMES) out[name] = await countLive(tx, wireOf(name), tenantId);
      return out;
    });
  }

  /**
   * Applies a push batch in ONE transaction (rule 3) and returns the master states of the rows that
   * conflict. Under the tenant's counter lock (rule 2): insert the creations whose id is free, then
   * read the masters of everything else, decide in JS (decidePush), write the accepted rows (one
   * multi-row statement for new documents, one for replaced ones), advance the counter, queue the
   * wake-up. Seqs go out in order; a creation that turns out to exist leaves its provisional seq
   * unused — checkpoints need seqs to increase, not to be dense. Nothing written → no new seq.
   * Mutable collections also get their audit entries (created documents, changed fields before and
   * after) in the same transaction, one statement per batch (audit/doc-audit.ts).
   *
   * Group commit: the counter lock makes a tenant's pushes run one after another, and each held the
   * lock for its own BEGIN … COMMIT. Pushes of one tenant that arrive while another is being applied
   * now wait in this process (not on a pool connection, so pulls are never queued behind them) and
   * are then applied together, in arrival order, in ONE transaction under ONE lock: each sees the
   * writes of the pushes before it, exactly as if they had run one by one, and each gets its own
   * conflicts. If that shared transaction fails, every push in it is retried alone, so one bad push
   * never fails its neighbours. A push whose caller has gone (`signal` aborted: the tablet timed out
   * or lost its connection) before its turn is dropped unapplied — the tablet sends it again.
   */
  push(
    tenantId: string,
    name: CollectionName,
    rows: AnyPushRow[],
    by: PushActor = SYSTEM,
    signal?: AbortSignal,
  ): Promise<AnyWireDoc[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise<AnyWireDoc[]>((resolve, reject) => {
      const queue = this.#queues.get(tenantId) ?? [];
      this.#queues.set(tenantId, queue);
      queue.push({ name, rows, by, signal, resolve, reject });
      if (queue.length === 1) void this.#drain(tenantId, queue);
    });
  }

  /** Pushes applied so far and the transactions they took (a group commit applies several in one). */
  get pushStats(): { pushes: number; transactions: number } {
    return { ...this.#stats };
  }

  async #drain(tenantId: string, queue: PendingPush[]): Promise<void> {
    while (queue.length > 0) {
      const taken = queue.slice(0, MAX_GROUP);
      const group = taken.filter((p) => {
        if (!p.signal?.aborted) return true;
        p.reject(clientGone());
        return false;
      });
      try {
        if (group.length > 0) {
          const results = await this.#apply(tenantId, group);
          group.forEach((p, i) => p.resolve(results[i]!));
        }
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        else {
          // Someone in the group made the shared transaction fail: each alone, so only it fails.
          for (const p of group) {
            try {
              p.resolve((await this.#apply(tenantId, [p]))[0]!);
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
      // Every push of this round has settled; the next round takes what arrived meanwhile.
      queue.splice(0, taken.length);
    }
    this.#queues.delete(tenantId);
  }

  /** One transaction, one counter lock, the pushes applied in order; their conflicts, in order. */
  async #apply(tenantId: string, group: PendingPush[]): Promise<AnyWireDoc[][]> {
    const stamp = this.#now().toISOString();
    const { results, changes } = await this.#db.orm.transaction(async (tx) => {
      await scopeToTenant(tx, tenantId);
      const base = await lockCounter(tx, tenantId);
      let seq = base;
      const results: AnyWireDoc[][] = [];
      const touched = new Map<CollectionName, number>();
      for (const { name, rows, by } of group) {
        const wire = wireOf(name);
        const kind = COLLECTIONS[name].kind;
        const row = (doc: AnyWireDoc) => toRow(wire, doc, tenantId, ++seq, stamp);
        const creates = optimisticCreates(rows);
        const inserted = await insertNew(tx, wire, creates.map(row));
        const rest = rows.filter((r) => !inserted.has(r.newDocumentState.id));
        const ids = [...new Set(rest.map((r) => r.newDocumentState.id))];
        const masters =
          ids.length > 0 ? await findMasters(tx, wire, tenantId, ids) : new Map<string, AnyWireDoc>();
        const decision = decidePush(kind, rest, masters);
        const fresh: Record<string, unknown>[] = [];
        const replaced: Record<string, unknown>[] = [];
        for (const doc of decision.accepted) (masters.has(doc.id) ? replaced : fresh).push(row(doc));
        await writeRows(tx, wire, fresh, replaced);
        if (kind === 'mutable') {
          const written = [...creates.filter((d) => inserted.has(d.id)), ...decision.accepted];
          await insertDocAudit(tx, tenantId, by.ip ?? null, docAuditEntries(name, by, written, masters));
        }
        if (inserted.size + decision.accepted.length > 0) touched.set(name, seq);
        results.push(decision.conflicts);
      }
      if (touched.size === 0) return { results, changes: [] as Change[] };
      await setCounter(tx, tenantId, seq);
      const changes: Change[] = [];
      for (const [collection, last] of touched) {
        const change: Change = { tenantId, collection, seq: last };
        await this.#db.bus.announce(tx, change);
        changes.push(change);
      }
      return { results, changes };
    });
    this.#stats.pushes += group.length;
    this.#stats.transactions++;
    for (const change of changes) this.#db.bus.committed(change);
    return results;
  }
}

/** A push waiting for its tenant's turn. */
interface PendingPush {
  name: CollectionName;
  rows: AnyPushRow[];
  by: PushActor;
  signal: AbortSignal | undefined;
  resolve: (conflicts: AnyWireDoc[]) => void;
  reject: (err: unknown) => void;
}

/** Pushes one transaction applies at most (a bound on how long it holds the tenant's lock). */
const MAX_GROUP = 32;

/** The caller went away before its push's turn: nothing was written, the tablet will send it again. */
const clientGone = () => new AppError(503, 'client_gone', 'the caller went away before its push was applied');
