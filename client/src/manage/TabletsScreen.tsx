import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../app/client-context.ts';
import { useNow } from '../hooks/use-now.ts';
import { useObservable } from '../hooks/use-observable.ts';
import { TabletActions } from './TabletActions.tsx';

/** A row of `GET /api/manage/tablets` (server/src/tablets/tablets.routes.ts). */
export interface TabletRow {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  appVersion: string | null;
  pendingEdits: number | null;
  lastSyncAt: string | null;
  reportedAt: string | null;
}

type Load = { state: 'loading' } | { state: 'signed-out' } | { state: 'error'; message: string } | { state: 'ok'; rows: TabletRow[] };

const BUILD: string = (import.meta as { env?: Record<string, string | undefined> }).env?.VITE_PRINTFLOOR_BUILD ?? 'dev';

/** "4 min ago" style, from `now`. */
export function ago(iso: string | null, now: number): string {
  if (!iso) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

async function fetchTablets(): Promise<Load> {
  try {
    const res = await fetch('/api/manage/tablets', { credentials: 'same-origin' });
    if (res.status === 401) return { state: 'signed-out' };
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      return { state: 'error', message: body.error?.message ?? `HTTP ${res.status}` };
    }
    return { state: 'ok', rows: ((await res.json()) as { tablets: TabletRow[] }).tablets };
  } catch (e) {
    return { state: 'error', message: `the server cannot be reached (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * /manage/tablets: each enrolled device with last seen (its last authenticated request), last
 * sync, edits waiting and app build (from its heartbeat). Needs a manager's sign-in (a session
 * cookie); the device list is never replicated to tablets. This device's own figures show from
 * local data whether or not anyone is signed in.
 */
export function TabletsScreen() {
  const { client } = useApp();
  const now = useNow(15_000);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const refresh = useCallback(() => void fetchTablets().then(setLoad), []);
  useEffect(() => {
    refresh();
    const t = setInterval(refresh, 30_000);
    return () => clearInterval(t);
  }, [refresh]);
  const self = useObservable(() => client.sync.status$, null, [client]);
  const rows = load.state === 'ok' ? [...load.rows].sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || a.name.localeCompare(b.name)) : [];
  const waiting = rows.reduce((s, r) => s + (r.revokedAt ? 0 : (r.pendingEdits ?? 0)), 0);

  return (
    <div className="manage-page" data-testid="tablets">
      <div className="manage-head">
        <h1>Tablets</h1>
        {load.state === 'ok' ? (
          <>
            <span className="badge b-info">{rows.filter((r) => !r.revokedAt).length} enrolled</span>
            <span className={`badge ${waiting ? 'b-warn' : 'b-ok'}`}>{waiting} edits waiting</span>
          </>
        ) : null}
        <span className="spacer" />
        <span className="muted small">This build: {BUILD}</span>
        <button className="btn" type="button" onClick={refresh}>
          Refresh
        </button>
      </div>
      {self ? (
        <p className="card small" data-testid="this-tablet">
          <b>This device</b>: {self.pending} edits waiting · last synced {self.lastSyncedAt ? ago(new Date(self.lastSyncedAt).toISOString(), now) : 'never'} · {self.state}
        </p>
      ) : null}
      {load.state === 'loading' ? <p className="muted">Loading…</p> : null}
      {load.state === 'error' ? (
        <p className="banner" role="alert">
          Could not load the tablets: {load.message}
        </p>
      ) : null}
      {load.state === 'signed-out' ? <ManagerSignIn onSignedIn={refresh} /> : null}
      {load.state === 'ok' ? (
        <div className="card">
          <table className="mtable" data-testid="tablets-table">
            <thead>
              <tr>
                <th>Device</th>
                <th>Enrolled</th>
                <th>Last seen</th>
                <th>Last sync</th>
                <th className="num">Edits waiting</th>
                <th>App version</th>
                <th>Reported</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const stale = r.lastSeenAt === null || now - Date.parse(r.lastSeenAt) > 3_600_000;
                return (
                  <tr key={r.id} data-testid="tablet-row" data-name={r.name} data-reported={r.reportedAt ? 'yes' : 'no'} className={r.revokedAt ? 'row-revoked' : ''}>
                    <td>
                      <b>{r.name}</b>
                      {r.revokedAt ? <span className="badge b-mute">revoked</span> : null}
                    </td>
                    <td className="small">{new Date(r.createdAt).toLocaleDateString()}</td>
                    <td className={stale && !r.revokedAt ? 'cell-warn' : ''}>{ago(r.lastSeenAt, now)}</td>
                    <td>{r.lastSyncAt ? ago(r.lastSyncAt, now) : <span className="muted">not reported</span>}</td>
                    <td className="num" data-testid="tablet-pending">
                      {r.pendingEdits === null ? <span className="muted">—</span> : r.pendingEdits > 0 ? <span className="badge b-warn">{r.pendingEdits}</span> : '0'}
                    </td>
                    <td>
                      {r.appVersion ?? <span className="muted">not reported</span>}
                      {r.appVersion && r.appVersion !== BUILD && !r.revokedAt ? <span className="badge b-warn">not this build</span> : null}
                    </td>
                    <td className="small muted">{ago(r.reportedAt, now)}</td>
                    <td>{r.revokedAt ? null : <TabletActions id={r.id} name={r.name} onChanged={refresh} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            Last seen: the device’s last request with its token. Last sync, edits waiting and version: what the tablet reported in its heartbeat (once a
            minute while the app is open), stored with the device — a restart keeps them. The server rewrites a stored heartbeat every 5 minutes, or at
            once when the version or edits waiting change, so “Reported” may trail by a few minutes.
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** A manager's sign-in (email and password) for the pages that need a session: POST /api/auth/login. */
function ManagerSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: email.trim(), password }),
    }).catch(() => null);
    if (res?.ok) return onSignedIn();
    const body = res ? ((await res.json().catch(() => ({}))) as { error?: { message?: string } }) : {};
    setError(body.error?.message ?? 'the server cannot be reached');
  };
  return (
    <form className="card inline-signin" onSubmit={(e) => void submit(e)} data-testid="manager-signin">
      <p>The list of tablets is for managers: sign in with your manager account.</p>
      <div className="form-grid">
        <label className="field">
          Email
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button className="btn btn-primary" type="submit">
        Sign in
      </button>
    </form>
  );
}
