import { useState, type FormEvent } from 'react';
import { loadSession, saveSession } from '../app/device-session.ts';
import { canManage } from '../manage/can-manage.ts';
import { AccountError, fetchSession, issueBrowserDevice, login } from './account-api.ts';
import { refreshAccount, useAccount } from './account-store.ts';
import { signOutAccount } from './sign-out.ts';

/** Where to go after signing in: an in-app `?next=` path, else the manager view. */
export function nextAfterSignIn(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/manage';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/manage';
}

function explain(err: unknown): string {
  if (err instanceof AccountError) {
    if (err.code === 'invalid_credentials') return 'Wrong email or password.';
    if (err.code === 'too_many_requests')
      return `Too many attempts. Try again in ${err.retryAfterSeconds ?? 30} seconds.`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * A browser that is not an enrolled tablet gets a sync token bound to the session, so the manager
 * pages can read live data from the local database (accounts/browser-devices on the server).
 */
async function ensureBrowserDevice(csrf: string, tenantSlug: string): Promise<void> {
  const current = loadSession();
  if (current && current.kind !== 'browser' && current.tenant.slug === tenantSlug) return;
  const r = await issueBrowserDevice(csrf);
  saveSession({
    token: r.token,
    tenant: r.tenant,
    device: r.device,
    enrolledAt: new Date().toISOString(),
    kind: 'browser',
  });
}

/**
 * `/signin`: leads, managers and admins sign in with email and password (the cookie session).
 * Operators work on the tablets with a badge or PIN; their account opens no manager page.
 */
export function SignInPage() {
  const account = useAccount();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = nextAfterSignIn(location.search);

  const proceed = async (csrf: string, tenantSlug: string) => {
    await ensureBrowserDevice(csrf, tenantSlug);
    // A full load: the app re-reads this browser's sync token and opens its local database.
    location.assign(next);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      const s = await fetchSession();
      await refreshAccount();
      if (s && canManage(s.user.role)) await proceed(s.csrfToken, s.tenant.slug);
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  const signedIn = account.status === 'signed-in' ? account.session : null;
  return (
    <div className="center-screen account-screen">
      <div className="card account-card" data-testid="account-sign-in">
        <h1>Printfloor manager sign-in</h1>
        {signedIn && !canManage(signedIn.user.role) ? (
          <div role="alert" data-testid="account-refused">
            <p className="notice">
              <strong>{signedIn.user.email}</strong> is an operator account. The manager view is for leads,
              managers and admins; operators sign in on a tablet with their badge or PIN.
            </p>
            <button className="btn" onClick={() => void signOutAccount(signedIn.csrfToken)}>
              Sign out
            </button>
          </div>
        ) : signedIn ? (
          <div>
            <p>
              Signed in as <strong>{signedIn.user.email}</strong> ({signedIn.user.role}) at{' '}
              <strong>{signedIn.tenant.name}</strong>.
            </p>
            <div className="btn-row">
              <button
                className="btn btn-primary"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  proceed(signedIn.csrfToken, signedIn.tenant.slug).catch((err: unknown) => {
                    setError(explain(err));
                    setBusy(false);
                  });
                }}
              >
                Continue
              </button>
              <button className="btn" onClick={() => void signOutAccount(signedIn.csrfToken)}>
                Sign out
              </button>
            </div>
          </div>
        ) : (
          <form onSubmit={(e) => void submit(e)}>
            <p className="muted">
              For leads, managers and admins. Operators use their badge or PIN on a tablet.
            </p>
            <label className="field">
              Email
              <input
                type="email"
                value={email}
                onChange={(e) => (setEmail(e.target.value), setError(null))}
                autoComplete="username"
                required
                data-testid="account-email"
              />
            </label>
            <label className="field">
              Password
              <input
                type="password"
                value={password}
                onChange={(e) => (setPassword(e.target.value), setError(null))}
                autoComplete="current-password"
                required
                data-testid="account-password"
              />
            </label>
            <div className="btn-row" style={{ marginTop: 14 }}>
              <button className="btn btn-primary" type="submit" disabled={busy || !email || !password}>
                {busy ? 'Signing in…' : 'Sign in'}
              </button>
            </div>
          </form>
        )}
        {error ? (
          <p className="field-error" role="alert" data-testid="account-error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
