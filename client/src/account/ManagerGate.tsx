import type { ReactNode } from 'react';
import { navigate } from '../app/router.ts';
import { canManage } from '../manage/can-manage.ts';
import { refreshAccount, useAccount } from './account-store.ts';
import { signOutAccount } from './sign-out.ts';
import './account.css';

/**
 * The manager view's door (issue 7): shown only to a signed-in lead, manager or admin — the real
 * cookie session, asked of the server. The server enforces the same on every /api/manage call
 * (requireRole); this gate only spares people a page of refusals.
 */
export function ManagerGate({
  path,
  bar = true,
  children,
}: {
  path: string;
  /** The account line with Sign out (not on the wall screen). */
  bar?: boolean;
  children: ReactNode;
}) {
  const account = useAccount();
  const signIn = () => navigate(`/signin?next=${encodeURIComponent(path)}`);

  if (account.status === 'unknown') return <p className="muted page">Checking sign-in…</p>;
  if (account.status === 'error') {
    return (
      <div className="page" role="alert">
        <h1>Cannot check who is signed in</h1>
        <p>{account.message}</p>
        <button className="btn btn-primary" onClick={() => void refreshAccount()}>
          Try again
        </button>
      </div>
    );
  }
  if (account.status === 'signed-out') {
    return (
      <div className="page" data-testid="manage-signed-out">
        <h1>For leads and managers</h1>
        <p>Sign in with your email and password to open the manager view.</p>
        <button className="btn btn-primary" onClick={signIn}>
          Sign in
        </button>
      </div>
    );
  }
  const { user, csrfToken } = account.session;
  if (!canManage(user.role)) {
    return (
      <div className="page" data-testid="manage-denied" role="alert">
        <h1>For leads and managers</h1>
        <p>{user.email} is signed in as an operator. A lead, manager or admin can open this view.</p>
        <button className="btn" onClick={() => void signOutAccount(csrfToken)}>
          Sign out
        </button>
      </div>
    );
  }
  if (!bar) return <>{children}</>;
  return (
    <>
      <div className="account-bar" data-testid="account-bar">
        <span>
          {user.email} · {user.role}
        </span>
        <button className="btn btn-small" onClick={() => void signOutAccount(csrfToken)}>
          Sign out
        </button>
      </div>
      {children}
    </>
  );
}
