/**
 * Three-way, field-by-field merge of mutable documents (DESIGN.md "Why append-only"; CONVENTIONS
 * "Resolve conflicts deterministically", after Excalidraw's `reconcile.ts`).
 *
 * Used by the client's RxDB conflict handler (`resolve({ assumedMasterState, newDocumentState,
 * realMasterState })` → `mergeDocuments(assumed, new, real)`) and by the server's conflict check
 * (`docsEqual`). Every decision below is symmetric in `local` and `remote` for the client-owned
 * fields, so two tablets that resolve the same conflict from opposite sides converge.
 *
 * Decisions:
 * - A field changed on one side only keeps that change; both changed to one value → that value.
 * - True clash (both changed, differently): the side with the later `updatedAt` (ISO string compare)
 *   wins, tie → the greater `updatedBy`, tie → the greater canonical JSON of the value (so the result
 *   does not depend on which side is "local"; the brief's "tie → remote" only remains for values that
 *   are equal, where it makes no difference).
 * - `updatedAt` = the later of both, `updatedBy` = the winning side's; `serverUpdatedAt` = remote's.
 * - `_deleted`: the side that changed `_deleted` relative to base wins, except that a delete loses to
 *   an edit on the other side whose `updatedAt` is strictly later (tie → the delete wins).
 * - Base null (both sides created the same id): every differing field is a clash; a delete on one
 *   side wins unless the other side's `updatedAt` is strictly later.
 * - RxDB bookkeeping (`_meta`, `_rev`, `_attachments`) is never merged: RxDB's conflict handler works
 *   on documents without it and stamps its own.
 */

/** Fields that never take part in comparison or field merge (server-owned + RxDB bookkeeping). */
export const NON_CLIENT_FIELDS = ['serverUpdatedAt', '_deleted', '_meta', '_rev', '_attachments'] as const;
type NonClientField = (typeof NON_CLIENT_FIELDS)[number];

/** Edit metadata: merged by its own rule, never counted as a clash. */
const EDIT_META_FIELDS = ['updatedAt', 'updatedBy'] as const;

const NON_CLIENT = new Set<string>(NON_CLIENT_FIELDS);
const EDIT_META = new Set<string>(EDIT_META_FIELDS);

type AnyDoc = Record<string, unknown>;

/** The client-owned part of a document: drops server-owned fields and RxDB bookkeeping. */
export function clientOwned<D extends Record<string, unknown>>(doc: D): Omit<D, NonClientField> {
  const out: AnyDoc = {};
  for (const [k, v] of Object.entries(doc)) {
    if (!NON_CLIENT.has(k) && v !== undefined) out[k] = v;
  }
  return out as Omit<D, NonClientField>;
}

/**
 * Deep equality on client-owned fields, plus `_deleted` when both documents carry it. Two absent
 * documents are equal; an absent and a present one are not. A key holding `undefined` equals an
 * absent key (JSON semantics: the wire never carries `undefined`).
 */
export function docsEqual(
  a: Record<string, unknown> | null | undefined,
  b: Record<string, unknown> | null | undefined,
): boolean {
  if (a == null || b == null) return a == null && b == null;
  if ('_deleted' in a && '_deleted' in b && Boolean(a._deleted) !== Boolean(b._deleted)) return false;
  return deepEqual(clientOwned(a), clientOwned(b));
}

export interface MergeResult<D> {
  merged: D;
  /** Client-owned fields both sides changed to different values (sorted), resolved by the clash rule. */
  clashes: string[];
}

/**
 * Merges `local` and `remote`, both derived from `base` (the assumed master state; null when both
 * sides created the document independently). Pure; never mutates its inputs.
 */
export function mergeDocuments<D extends Record<string, unknown>>(
  base: D | null,
  local: D,
  remote: D,
): MergeResult<D> {
  // Shortcuts keep a one-sided edit exactly as written, meta included (merge(b, x, b) = x).
  if (docsEqualWithDelete(local, remote)) return { merged: withServerFields(local, remote), clashes: [] };
  if (base !== null && docsEqualWithDelete(local, base)) return { merged: withServerFields(remote, remote), clashes: [] };
  if (base !== null && docsEqualWithDelete(remote, base)) return { merged: withServerFields(local, remote), clashes: [] };

  const winner = editWinner(local, remote);
  const merged: AnyDoc = {};
  const clashes: string[] = [];
  for (const field of fieldUnion(base, local, remote)) {
    const { value, clash } = mergeField(base?.[field], local[field], remote[field], base === null, winner);
    if (clash) clashes.push(field);
    if (value !== undefined) merged[field] = value;
  }
  mergeEditMeta(merged, local, remote, winner);
  const deleted = mergeDeleted(base, local, remote);
  if (deleted !== undefined) merged._deleted = deleted;
  copyServerFields(merged, local, remote);
  return { merged: merged as D, clashes: clashes.sort() };
}

type Side = 'local' | 'remote' | 'tie';

/** Which side made the latest edit: later `updatedAt`, then greater `updatedBy`; 'tie' when both equal. */
function editWinner(local: AnyDoc, remote: AnyDoc): Side {
  const byTime = compareStrings(str(local.updatedAt), str(remote.updatedAt));
  if (byTime !== 0) return byTime > 0 ? 'local' : 'remote';
  const byAuthor = compareStrings(str(local.updatedBy), str(remote.updatedBy));
  if (byAuthor !== 0) return byAuthor > 0 ? 'local' : 'remote';
  return 'tie';
}

function mergeField(
  b: unknown,
  l: unknown,
  r: unknown,
  noBase: boolean,
  winner: Side,
): { value: unknown; clash: boolean } {
  if (deepEqual(l, r)) return { value: l, clash: false };
  if (!noBase && deepEqual(l, b)) return { value: r, clash: false };
  if (!noBase && deepEqual(r, b)) return { value: l, clash: false };
  if (winner === 'local') return { value: l, clash: true };
  if (winner === 'remote') return { value: r, clash: true };
  // Same author at the same instant with two different values: order by value so both sides agree.
  return { value: compareStrings(canonicalJson(l), canonicalJson(r)) > 0 ? l : r, clash: true };
}

function mergeEditMeta(merged: AnyDoc, local: AnyDoc, remote: AnyDoc, winner: Side): void {
  const won = winner === 'local' ? local : remote;
  const at = compareStrings(str(local.updatedAt), str(remote.updatedAt)) >= 0 ? local.updatedAt : remote.updatedAt;
  if (at !== undefined) merged.updatedAt = at;
  if (won.updatedBy !== undefined) merged.updatedBy = won.updatedBy;
}

/** The `_deleted` rule of the module doc; undefined when neither side carries the flag. */
function mergeDeleted(base: AnyDoc | null, local: AnyDoc, remote: AnyDoc): boolean | undefined {
  if (!('_deleted' in local) && !('_deleted' in remote)) return undefined;
  const dl = local._deleted === true;
  const dr = remote._deleted === true;
  if (dl === dr) return dl;
  const deleter = dl ? local : remote;
  const keeper = dl ? remote : local;
  const baseDeleted = base?._deleted === true;
  // Base deleted and one side restored it: the restore is the change, it wins.
  if (base !== null && baseDeleted) return false;
  const keeperEdited = base === null || !deepEqual(clientOwned(keeper), clientOwned(base));
  const keeperLater = compareStrings(str(keeper.updatedAt), str(deleter.updatedAt)) > 0;
  return !(keeperEdited && keeperLater);
}

function withServerFields<D extends AnyDoc>(doc: D, remote: AnyDoc): D {
  const out: AnyDoc = { ...clientOwned(doc) };
  if ('_deleted' in doc) out._deleted = doc._deleted === true;
  copyServerFields(out, doc, remote);
  return out as D;
}

/** `serverUpdatedAt` is the server's: take remote's, or local's when remote does not carry it. */
function copyServerFields(out: AnyDoc, local: AnyDoc, remote: AnyDoc): void {
  if ('serverUpdatedAt' in remote) out.serverUpdatedAt = remote.serverUpdatedAt;
  else if ('serverUpdatedAt' in local) out.serverUpdatedAt = local.serverUpdatedAt;
}

function docsEqualWithDelete(a: AnyDoc, b: AnyDoc): boolean {
  return (a._deleted === true) === (b._deleted === true) && deepEqual(clientOwned(a), clientOwned(b));
}

function fieldUnion(base: AnyDoc | null, local: AnyDoc, remote: AnyDoc): string[] {
  const keys = new Set<string>();
  for (const d of [base, local, remote]) {
    if (d === null) continue;
    for (const k of Object.keys(d)) if (!NON_CLIENT.has(k) && !EDIT_META.has(k)) keys.add(k);
  }
  return [...keys].sort();
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Structural equality over JSON-like values; `undefined` members equal absent ones. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // 0 and -0 are the same number on the wire.
    return typeof a === 'number' && typeof b === 'number' && a === b;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ao = a as AnyDoc;
  const bo = b as AnyDoc;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

/** JSON with sorted object keys: a total, side-independent order for tie-breaking values. */
function canonicalJson(v: unknown): string {
  if (v === undefined) return '';
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? '';
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
  const o = v as AnyDoc;
  const parts = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`);
  return `{${parts.join(',')}}`;
}
