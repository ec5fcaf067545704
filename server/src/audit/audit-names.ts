import { COLLECTIONS, actorTokens, auditValueRef } from '@printfloor/shared';
import type { CollectionName } from '@printfloor/shared';
import type { AuditRow } from './audit.repo.ts';

/**
 * The names of an audit page (see shared audit/audit-refs.ts): which tokens of its entries can be
 * named, what to look up for them, and the `names` map the response carries. Pure; the lookup is
 * audit-names.repo.ts. A token nothing answers for simply has no name (the page shows it raw).
 */

/** What to look up, by where it lives. */
export interface NameLookup {
  /** `users.id` (uuid). */
  users: string[];
  /** `devices.id` (uuid). */
  devices: string[];
  /** Replicated documents by collection (people included: `operator:` and `person:` tokens). */
  docs: Map<CollectionName, string[]>;
}

/** A name found: a user's email, a device's name, a document's label. */
export interface FoundName {
  kind: 'user' | 'device' | CollectionName;
  id: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isCollection = (s: string): s is CollectionName => Object.hasOwn(COLLECTIONS, s);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Ref = { kind: FoundName['kind']; id: string };

/** Where a token's name lives, or undefined when it names nothing stored (`system`, `email:…`). */
export function refOf(token: string): Ref | undefined {
  const colon = token.indexOf(':');
  const slash = token.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash)) {
    const [prefix, id] = [token.slice(0, colon), token.slice(colon + 1)];
    if (id === '') return undefined;
    if (prefix === 'user' || prefix === 'device') return UUID.test(id) ? { kind: prefix, id } : undefined;
    if (prefix === 'operator' || prefix === 'person') return { kind: 'people', id };
    return undefined;
  }
  if (slash > 0) {
    const [collection, id] = [token.slice(0, slash), token.slice(slash + 1)];
    if (isCollection(collection) && id !== '') return { kind: collection, id };
  }
  return undefined;
}

/** A creation's ids the page shows, at most: the client lists a few codes and counts the rest. */
export const CREATED_NAMED = 10;

/**
 * The created documents of a `doc.create` entry that it holds no code for (people, steps, entries
 * from before codes fell back to names): `<collection>/<id>` of the first CREATED_NAMED.
 */
function uncodedCreations(e: AuditRow): string[] {
  if (e.action !== 'doc.create' || !e.target || !isRecord(e.after)) return [];
  const { ids, codes } = e.after;
  if (!Array.isArray(ids)) return [];
  const coded = Array.isArray(codes) ? codes : [];
  return ids
    .slice(0, CREATED_NAMED)
    .filter((id, i): id is string => typeof id === 'string' && !coded[i])
    .map((id) => `${e.target}/${id}`);
}

/**
 * The tokens of a page that may have a name: actors' parts, targets, references in before/after,
 * and created documents without a code.
 */
export function nameTokens(entries: readonly AuditRow[]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    for (const t of actorTokens(e.actor)) out.add(t);
    if (e.target) out.add(e.target);
    for (const t of uncodedCreations(e)) out.add(t);
    for (const side of [e.before, e.after]) {
      if (!isRecord(side)) continue;
      for (const [field, value] of Object.entries(side)) {
        const ref = auditValueRef(field, value);
        if (ref) out.add(ref);
      }
    }
  }
  return out;
}

/** What to look up for `tokens`, each id once. */
export function lookupOf(tokens: Iterable<string>): NameLookup {
  const users = new Set<string>();
  const devices = new Set<string>();
  const docs = new Map<CollectionName, Set<string>>();
  for (const token of tokens) {
    const ref = refOf(token);
    if (!ref) continue;
    if (ref.kind === 'user') users.add(ref.id);
    else if (ref.kind === 'device') devices.add(ref.id);
    else {
      let ids = docs.get(ref.kind);
      if (!ids) docs.set(ref.kind, (ids = new Set()));
      ids.add(ref.id);
    }
  }
  return {
    users: [...users],
    devices: [...devices],
    docs: new Map([...docs].map(([k, ids]) => [k, [...ids]])),
  };
}

/** `names`: each token that something found names, to that name. */
export function namesOf(tokens: Iterable<string>, found: readonly FoundName[]): Record<string, string> {
  const byRef = new Map(found.map((f) => [`${f.kind} ${f.id}`, f.name]));
  const names: Record<string, string> = {};
  for (const token of tokens) {
    const ref = refOf(token);
    const name = ref && byRef.get(`${ref.kind} ${ref.id}`);
    if (name) names[token] = name;
  }
  return names;
}
