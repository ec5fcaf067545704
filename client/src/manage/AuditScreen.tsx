import { useCallback, useEffect, useState, type FormEvent } from 'react';
import './audit.css';

/** One entry of `GET /api/manage/audit` (server/src/audit/audit.routes.ts). */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}

interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  /** `YYYY-MM-DD`, local day; empty = open. */
  from: string;
  to: string;
}

const EMPTY: AuditFilters = { actor: '', action: '', target: '', from: '', to: '' };
const PAGE = 50;

/** Actions the server writes, for the filter's suggestions (`doc.` = every document change). */
const ACTIONS = [
  'doc.',
  'doc.create',
  'doc.update',
  'doc.delete',
  'printer.connection_set',
  'login.success',
  'login.failure',
  'device.paired',
  'device.renamed',
  'device.revoked',
  'user.created',
];

/** One changed field: its value before and after (absent side = not part of the entry). */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An entry's before/after as one row per field, in a stable order (fields of `before` first). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
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

/** The query string of a page: filters (dates as local-midnight instants) and the cursor. */
export function auditQuery(f: AuditFilters, cursor: string | null): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
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

type Load =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'error'; message: string }
  | { state: 'ok'; entries: AuditEntry[]; next: string | null; more: boolean };

async function fetchPage(f: AuditFilters, cursor: string | null): Promise<AuditPage | 'signed-out'> {
  const res = await fetch(`/api/manage/audit?${auditQuery(f, cursor)}`, { credentials: 'same-origin' });
  if (res.status === 401) return 'signed-out';
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as AuditPage;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const rows = fieldChanges(entry.before, entry.after);
  if (rows.length === 0) return <span className="muted">—</span>;
  return (
    <table className="audit-diff" data-testid="audit-diff">
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} data-field={r.field}>
            <th scope="row">{r.field}</th>
            <td className="audit-before">{showValue(r.before)}</td>
            <td aria-hidden="true">→</td>
            <td className="audit-after">{showValue(r.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * /manage/audit: who changed what and when — document edits pushed by tablets (changed fields
 * before → after), sign-ins and failures, pairing, devices, users, printer connections (a secret
 * shows only as “rotated”). Filters by actor, action, target and day; newest first, 50 per page,
 * “Older” follows the server's cursor. Needs a manager's session; the log never reaches tablets.
 */
export function AuditScreen() {
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const run = useCallback(async (f: AuditFilters, cursor: string | null, keep: AuditEntry[]) => {
    try {
      const page = await fetchPage(f, cursor);
      if (page === 'signed-out') return setLoad({ state: 'signed-out' });
      setLoad({
        state: 'ok',
        entries: [...keep, ...page.entries],
        next: page.nextCursor,
        more: false,
      });
    } catch (e) {
      setLoad({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    setLoad({ state: 'loading' });
    void run(filters, null, []);
  }, [filters, run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const older = () => {
    if (load.state !== 'ok' || !load.next) return;
    setLoad({ ...load, more: true });
    void run(filters, load.next, load.entries);
  };
  const set = (k: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <div className="manage-page" data-testid="audit">
      <div className="manage-head">
        <h1>Audit log</h1>
        {load.state === 'ok' ? <span className="badge b-info">{load.entries.length} shown</span> : null}
      </div>
      <form className="card audit-filters" onSubmit={submit} data-testid="audit-filters">
        <label className="field">
          Who
          <input
            value={draft.actor}
            onChange={set('actor')}
            placeholder="device:…, user:…, operator:…"
            name="actor"
          />
        </label>
        <label className="field">
          Action
          <input
            value={draft.action}
            onChange={set('action')}
            list="audit-actions"
            placeholder="doc. (every edit)"
            name="action"
          />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field">
          Record
          <input value={draft.target} onChange={set('target')} placeholder="work_orders/…" name="target" />
        </label>
        <label className="field">
          From
          <input type="date" value={draft.from} onChange={set('from')} name="from" />
        </label>
        <label className="field">
          To
          <input type="date" value={draft.to} onChange={set('to')} name="to" />
        </label>
        <div className="audit-filter-actions">
          <button className="btn btn-primary" type="submit">
            Show
          </button>
          <button
            className="btn"
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {load.state === 'loading' ? <p className="muted">Loading…</p> : null}
      {load.state === 'signed-out' ? (
        <p className="banner" role="alert">
          Sign in as a manager to read the audit log.
        </p>
      ) : null}
      {load.state === 'error' ? (
        <p className="banner" role="alert">
          Could not load the audit log: {load.message}
        </p>
      ) : null}
      {load.state === 'ok' ? (
        <div className="card">
          {load.entries.length === 0 ? (
            <p className="muted">Nothing matches these filters.</p>
          ) : (
            <table className="mtable" data-testid="audit-table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>Action</th>
                  <th>Record</th>
                  <th>Change</th>
                </tr>
              </thead>
              <tbody>
                {load.entries.map((e) => (
                  <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                    <td className="small">{new Date(e.at).toLocaleString()}</td>
                    <td className="small audit-actor">
                      {e.actor}
                      {e.ip ? <div className="muted">{e.ip}</div> : null}
                    </td>
                    <td>{e.action}</td>
                    <td className="small audit-target">{e.target ?? '—'}</td>
                    <td>
                      <Changes entry={e} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {load.next ? (
            <button
              className="btn"
              type="button"
              onClick={older}
              disabled={load.more}
              data-testid="audit-older"
            >
              {load.more ? 'Loading…' : 'Older'}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
