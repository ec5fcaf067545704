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

/** Who writes when a caller names no one (the demo seeder, the relay's consumption records). */
const SYSTEM: PushActor = { actor: 'system' };

/**
 * The sync rules of DESIGN.md over validated input. Callers (routes, the demo seeder) have already
 * checked the tenant and the documents' shape.
 */
export class SyncService {
  readonly #db: Database;
  readonly #now: () => Date;

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
   */
  async push(
    tenantId: string,
    name: CollectionName,
    rows: AnyPushRow[],
    by: PushActor = SYSTEM,
  ): Promise<AnyWireDoc[]> {
    if (rows.length === 0) return [];
    const wire = wireOf(name);
    const kind = COLLECTIONS[name].kind;
    const stamp = this.#now().toISOString();
    const { conflicts, change } = await this.#db.orm.transaction(async (tx) => {
      await scopeToTenant(tx, tenantId);
      const base = await lockCounter(tx, tenantId);
      let seq = base;
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
      if (inserted.size + decision.accepted.length === 0)
        return { conflicts: decision.conflicts, change: undefined };
      await setCounter(tx, tenantId, seq);
      const change: Change = { tenantId, collection: name, seq };
      await this.#db.bus.announce(tx, change);
      return { conflicts: decision.conflicts, change };
    });
    if (change) this.#db.bus.committed(change);
    return conflicts;
  }
}
