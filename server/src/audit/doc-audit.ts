import type { AnyWireDoc } from '../sync/push-decision.ts';

/**
 * Audit of replicated mutable documents (issue 7): who changed which fields of which document, with
 * the fields' values before and after. Pure functions: the push builds the entries from the masters
 * it already read under the counter lock and the states it accepted, and writes them in the same
 * transaction with one statement (audit.repo.ts). Append-only collections (step events, the spool
 * ledger) are not audited here: each of their records already says who did what, and never changes.
 */

/** Fields that change on every write or are the actor rather than the change: never in a diff. */
const META_FIELDS = new Set(['id', 'updatedAt', 'updatedBy', 'serverUpdatedAt']);

export type DocAuditAction = 'doc.create' | 'doc.update' | 'doc.delete';

export interface DocAuditEntry {
  actor: string;
  action: DocAuditAction;
  /** `<collection>/<id>`; for creations `<collection>` (see creationEntries). */
  target: string;
  /** The changed fields' values before (null for creations). */
  before: Record<string, unknown> | null;
  /** The changed fields' values after; for creations `{ ids, codes }`. */
  after: Record<string, unknown>;
}

/** Who pushed: the device (or `user:<id>` for a server-side write), and the request's IP. */
export interface PushActor {
  /** `device:<id>`, `user:<id>` or `system`. */
  actor: string;
  /** The device id when a tablet pushed: an `updatedBy` equal to it names no operator. */
  deviceId?: string;
  ip?: string | null;
}

/**
 * The fields whose values differ between two states of a document (`_deleted` included, meta
 * fields excluded), as `{ before, after }` holding those fields only; `undefined` when nothing but
 * meta fields changed. Values compare by their JSON form (documents are JSON).
 */
export function fieldDiff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  let changed = false;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (META_FIELDS.has(key)) continue;
    const x = before[key];
    const y = after[key];
    if (x === y || JSON.stringify(x) === JSON.stringify(y)) continue;
    b[key] = x ?? null;
    a[key] = y ?? null;
    changed = true;
  }
  return changed ? { before: b, after: a } : undefined;
}

/** What a person calls a created document: its code, else its name (a step, a person); `''` if none. */
function labelOf(d: AnyWireDoc): string {
  for (const v of [d.code, d.name, d.displayName]) if (typeof v === 'string' && v !== '') return v;
  return '';
}

/**
 * Creations are recorded one entry per batch and actor, not per document: target `<collection>`,
 * `after: { ids, codes }` (a code, else a name: see labelOf). The first version of a document
 * needs no copy — the current row plus the `before` of every later entry, applied newest first,
 * gives back each earlier version down to the first — and a row per created document would double
 * what a bulk import or a tablet's offline backlog writes (measured: the push bench fell below its
 * goal on PGlite with a row per document).
 * The audit query finds a document's creation by its id in `after.ids`.
 */
function creationEntries(collection: string, by: PushActor, docs: AnyWireDoc[]): DocAuditEntry[] {
  const byActor = new Map<string, AnyWireDoc[]>();
  for (const d of docs) {
    const actor = actorOf(by, d);
    let list = byActor.get(actor);
    if (!list) byActor.set(actor, (list = []));
    list.push(d);
  }
  return [...byActor].map(([actor, list]) => ({
    actor,
    action: 'doc.create' as const,
    target: collection,
    before: null,
    after: {
      ids: list.map((d) => d.id),
      codes: list.map(labelOf),
    },
  }));
}

/** `device:<id>`, plus ` operator:<updatedBy>` when the document names someone else (the signed-in operator). */
export function actorOf(by: PushActor, doc: AnyWireDoc): string {
  const who = doc.updatedBy;
  if (typeof who !== 'string' || who === '' || who === by.deviceId || by.actor === who) return by.actor;
  return `${by.actor} operator:${who}`;
}

/**
 * The audit entries of one accepted push: `written` are the states written, `masters` the states
 * they replaced (absent → a creation). A replacement that changes only meta fields leaves no entry;
 * a tombstone over a live document is `doc.delete`. Creations come first, grouped (see above).
 */
export function docAuditEntries(
  collection: string,
  by: PushActor,
  written: AnyWireDoc[],
  masters: ReadonlyMap<string, AnyWireDoc>,
): DocAuditEntry[] {
  const out: DocAuditEntry[] = creationEntries(
    collection,
    by,
    written.filter((d) => !masters.has(d.id)),
  );
  for (const doc of written) {
    const master = masters.get(doc.id);
    if (!master) continue;
    const diff = fieldDiff(master, doc);
    if (!diff) continue;
    const action = doc._deleted && !master._deleted ? 'doc.delete' : 'doc.update';
    out.push({ actor: actorOf(by, doc), action, target: `${collection}/${doc.id}`, ...diff });
  }
  return out;
}
