import { COLLECTIONS, type CollectionName } from '@printfloor/shared';

type Doc = Record<string, unknown>;

const FIELDS = new Map<CollectionName, ReadonlySet<string>>();

function fieldsOf(name: CollectionName): ReadonlySet<string> {
  let set = FIELDS.get(name);
  if (!set) {
    set = new Set([...Object.keys(COLLECTIONS[name].schema.shape), '_deleted']);
    FIELDS.set(name, set);
  }
  return set;
}

/**
 * Keeps only the collection's schema fields and `_deleted` from a document the server sent. The
 * server may add bookkeeping (a `_seq`, say); the local schema has `additionalProperties: false`
 * and must never be made to choke on it.
 */
export function fromWire(name: CollectionName, doc: Doc): Doc & { _deleted: boolean } {
  const keep = fieldsOf(name);
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) if (keep.has(k)) out[k] = v;
  out._deleted = doc._deleted === true;
  return out as Doc & { _deleted: boolean };
}
