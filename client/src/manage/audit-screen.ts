import { COLLECTIONS, actorTokens, auditValueRef } from '@printfloor/shared';
import type { AuditEntry, CollectionName } from '@printfloor/shared';

/**
 * What the Audit log page (AuditScreen.tsx) shows of an entry of `GET /api/manage/audit`
 * (server/src/audit/audit.routes.ts): people and records by name — the response's `names` maps the
 * raw tokens (`device:<id>`, `work_orders/<id>`, …) to emails, tablet names and codes; a token
 * without a name is shown as it is. Pure, so the page's wording is tested without a browser.
 */

export type { AuditEntry };

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
  /** Token → name; absent for tokens the server could not name. */
  names: Record<string, string>;
}

export type Names = Readonly<Record<string, string>>;

export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  /** `YYYY-MM-DD`, local day; empty = open. */
  from: string;
  to: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** The query string of a page: filters (dates as local-midnight instants) and the cursor. */
export function auditQuery(f: AuditFilters, cursor: string | null): string {
  const q = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.action.trim()) q.set('action', f.action.trim());
  if (f.target.trim()) q.set('target', f.target.trim());
  if (f.from) q.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) {
    const end = new Date(`${f.to}T00:00:00`);
    end.setDate(end.getDate() + 1); // "to" names a whole day: up to its end
    q.set('to', end.toISOString());
  }
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** A collection's record as a person says it, one and many. */
const NOUNS: Record<CollectionName, [one: string, many: string]> = {
  work_orders: ['Work order', 'Work orders'],
  operations: ['Routing step', 'Routing steps'],
  step_events: ['Step event', 'Step events'],
  spools: ['Spool', 'Spools'],
  spool_movements: ['Spool movement', 'Spool movements'],
  printers: ['Printer', 'Printers'],
  parts: ['Part', 'Parts'],
  scrap_reasons: ['Scrap reason', 'Scrap reasons'],
  downtime_reasons: ['Downtime reason', 'Downtime reasons'],
  work_centers: ['Work center', 'Work centers'],
  people: ['Person', 'People'],
};

/** Tokens of other kinds of target (`user:<id>`, …): what the record is. */
const TOKEN_NOUNS: Record<string, string> = {
  user: 'User',
  device: 'Tablet',
  person: 'Person',
  email: 'Sign-in as',
};

const isCollection = (s: string): s is CollectionName => Object.hasOwn(COLLECTIONS, s);

/** The manager page of a record, where the app has one. */
function recordHref(collection: CollectionName, id: string): string | undefined {
  const q = encodeURIComponent(id);
  switch (collection) {
    case 'work_orders':
      return `/manage/trace?wo=${q}`;
    case 'spools':
      return `/manage/trace?spool=${q}`;
    case 'printers':
      return `/manage/printer?id=${q}`;
    case 'parts':
      return `/manage/parts/${q}/routing`;
    case 'operations':
    case 'step_events':
    case 'spool_movements':
    case 'scrap_reasons':
    case 'downtime_reasons':
    case 'work_centers':
    case 'people':
      return undefined;
  }
}

/** One actor token as read: a tablet by name (“Bench 3 (tablet)”), a user by email, else raw. */
function actorPart(token: string, names: Names): string {
  const name = names[token];
  if (!name) return token;
  return token.startsWith('device:') ? `${name} (tablet)` : name;
}

/** Who did it: “Bench 3 (tablet) · Ana Kovač (EMP-1001)”, “lee@example.com”, “system”. */
export function actorLabel(actor: string, names: Names): string {
  return actorTokens(actor)
    .map((t) => actorPart(t, names))
    .join(' · ');
}

/** A named record, linked when the app has a page for it. */
export interface RecordLink {
  label: string;
  href?: string;
}

/** What an entry acted on, as the page shows it; `raw` is the target token (the tooltip). */
export type TargetView =
  | { kind: 'none' }
  | { kind: 'record'; noun: string; record: RecordLink; raw: string }
  | { kind: 'created'; noun: string; records: RecordLink[]; raw: string }
  | { kind: 'raw'; raw: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : [];

/**
 * A creation's records: `after.codes`; where a document had none, its name from `names`, else its
 * id. Each linked where the app has a page.
 */
function createdRecords(collection: CollectionName, after: unknown, names: Names): RecordLink[] {
  const a = isRecord(after) ? after : {};
  const ids = strings(a.ids);
  const codes = strings(a.codes);
  return ids.map((id, i) => {
    const href = recordHref(collection, id);
    return { label: codes[i] || names[`${collection}/${id}`] || id, ...(href ? { href } : {}) };
  });
}

/** The Record cell: “Work order WO-2026-0012” (linked), “Tablet Bench 3”, the codes a push created. */
export function targetView(entry: Pick<AuditEntry, 'action' | 'target' | 'after'>, names: Names): TargetView {
  const raw = entry.target;
  if (!raw) return { kind: 'none' };
  const slash = raw.indexOf('/');
  if (slash > 0) {
    const collection = raw.slice(0, slash);
    const id = raw.slice(slash + 1);
    if (!isCollection(collection)) return { kind: 'raw', raw };
    const href = recordHref(collection, id);
    const record = { label: names[raw] ?? id, ...(href ? { href } : {}) };
    return { kind: 'record', noun: NOUNS[collection][0], record, raw };
  }
  if (isCollection(raw)) {
    if (entry.action === 'doc.create') {
      return { kind: 'created', noun: NOUNS[raw][1], records: createdRecords(raw, entry.after, names), raw };
    }
    return { kind: 'record', noun: NOUNS[raw][1], record: { label: '' }, raw };
  }
  const colon = raw.indexOf(':');
  const noun = colon > 0 ? TOKEN_NOUNS[raw.slice(0, colon)] : undefined;
  if (!noun) return { kind: 'raw', raw };
  return { kind: 'record', noun, record: { label: names[raw] ?? raw.slice(colon + 1) }, raw };
}

/** One changed field: its value before and after (absent side = not part of the entry). */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/**
 * An entry's before/after as one row per field, in a stable order (fields of `before` first).
 * Fields equal on both sides are left out: some entries carry the whole picture before and after
 * (a printer connection, a user's role and state), and only what changed is news.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (field in b && field in a && JSON.stringify(b[field]) === JSON.stringify(a[field])) continue;
    const change: FieldChange = { field };
    if (field in b) change.before = b[field];
    if (field in a) change.after = a[field];
    out.push(change);
  }
  return out;
}

/** A value as a person reads it: text plainly, empty text as “(empty)”, lists joined. */
export function showValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (v === '') return '(empty)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(showValue).join(', ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** An instant in the browser's locale and time zone: short date, time to the second. */
export function showInstant(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** An ISO-8601 date-time as servers and devices write them (`…T08:00:00.000Z`, an offset). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A field's value as read: a reference by its record's name (`loadedPrinterId` → the printer's
 * code), an instant in local time, anything else as showValue.
 */
export function fieldValue(field: string, v: unknown, names: Names): string {
  const ref = auditValueRef(field, v);
  const name = ref ? names[ref] : undefined;
  if (name) return name;
  if (typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v))) return showInstant(v);
  return showValue(v);
}
