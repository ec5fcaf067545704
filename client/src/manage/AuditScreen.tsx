import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ActionCell, ActorCell, ChangeCell, TargetCell, WhenCell } from './AuditCells.tsx';
import {
  auditQuery,
  type AuditEntry,
  type AuditFilters,
  type AuditPage,
  type Names,
} from './audit-screen.ts';
import './audit.css';

const EMPTY: AuditFilters = { actor: '', action: '', target: '', from: '', to: '' };

/** Actions the server writes, for the filter's suggestions (a prefix ending in `.` = every one of its kind). */
const ACTIONS = [
  'doc.',
  'doc.create',
  'doc.update',
  'doc.delete',
  'printer.connection_set',
  'login.',
  'login.success',
  'login.failure',
  'device.',
  'device.paired',
  'device.renamed',
  'device.revoked',
  'user.',
  'user.created',
  'user.updated',
  'user.password_reset',
  'pin.',
  'settings.changed',
  'import.committed',
];

type Load =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'error'; message: string }
  | { state: 'ok'; entries: AuditEntry[]; names: Names; next: string | null; more: boolean };

async function fetchPage(f: AuditFilters, cursor: string | null): Promise<AuditPage | 'signed-out'> {
  const res = await fetch(`/api/manage/audit?${auditQuery(f, cursor)}`, { credentials: 'same-origin' });
  if (res.status === 401) return 'signed-out';
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as AuditPage;
}

/**
 * /manage/audit: who changed what and when — document edits pushed by tablets (changed fields
 * before → after), sign-ins and failures, pairing, devices, users, printer connections (a secret
 * shows only as “rotated”). People, tablets and records show by name and code (the raw token is
 * the tooltip); records link to their page. Filters by actor, action, target and day; newest first, 50 per page,
 * “Older” follows the server's cursor. Needs a manager's session; the log never reaches tablets.
 */
export function AuditScreen() {
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const run = useCallback(
    async (f: AuditFilters, cursor: string | null, keep?: Extract<Load, { state: 'ok' }>) => {
      try {
        const page = await fetchPage(f, cursor);
        if (page === 'signed-out') return setLoad({ state: 'signed-out' });
        setLoad({
          state: 'ok',
          entries: [...(keep?.entries ?? []), ...page.entries],
          names: { ...keep?.names, ...page.names },
          next: page.nextCursor,
          more: false,
        });
      } catch (e) {
        setLoad({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    },
    [],
  );

  useEffect(() => {
    setLoad({ state: 'loading' });
    void run(filters, null);
  }, [filters, run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const older = () => {
    if (load.state !== 'ok' || !load.next) return;
    setLoad({ ...load, more: true });
    void run(filters, load.next, load);
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
          <input value={draft.actor} onChange={set('actor')} placeholder="user:…, device:…" name="actor" />
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
            <table className="mtable audit-table" data-testid="audit-table">
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
                    <WhenCell at={e.at} />
                    <ActorCell entry={e} names={load.names} />
                    <ActionCell action={e.action} />
                    <TargetCell entry={e} names={load.names} />
                    <ChangeCell entry={e} names={load.names} />
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
