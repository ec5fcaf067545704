import { ROLES, type Role } from '@printfloor/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { addUser, fetchUsers, setUserPassword, updateUser, type AdminUser } from '../account/account-api.ts';
import { refreshAccount, useAccount } from '../account/account-store.ts';
import './admin-pages.css';

/** The server's minimum (server/src/accounts/password.ts); it stays the judge. */
const MIN_PASSWORD = 10;

/** The server's message as a sentence ("the shop needs…" → "The shop needs…."). */
function message(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`;
}

/**
 * /manage/users (admins): the shop's users — add one, change a role, disable or enable, set a new
 * password. The server ends a changed user's sessions and refuses to lose the last enabled admin;
 * its refusal is shown as it comes.
 */
export function UsersScreen() {
  const account = useAccount();
  const session = account.status === 'signed-in' ? account.session : null;
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => {
    fetchUsers().then(setUsers, (err: unknown) => setError(message(err)));
  }, []);
  useEffect(reload, [reload]);

  if (!session) return null;
  if (session.user.role !== 'admin') {
    return (
      <p className="banner" role="alert">
        Users are managed by an admin.
      </p>
    );
  }
  const csrf = session.csrfToken;
  const selfId = session.user.id;

  /** Runs a change, then shows the list as the server now has it. */
  const act = async (done: string, fn: () => Promise<void>, touchesSelf = false) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
      setNotice(done);
      // A change to one's own account ends one's own session: the gate then asks to sign in again.
      if (touchesSelf) await refreshAccount();
      else reload();
    } catch (err) {
      setError(message(err));
      reload();
    }
  };

  return (
    <div className="manage-page admin-page" data-testid="users">
      <div className="manage-head">
        <h1>Users</h1>
        {users ? (
          <span className="badge b-info">{users.filter((u) => !u.disabledAt).length} active</span>
        ) : null}
      </div>
      {error ? (
        <p className="banner" role="alert" data-testid="users-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="card small" role="status">
          {notice}
        </p>
      ) : null}
      <AddUserForm onAdd={(u) => act(`${u.email} added as ${u.role}.`, () => addUser(csrf, u))} />
      {users === null ? <p className="muted">Loading…</p> : null}
      {users ? (
        <div className="card">
          <table className="mtable admin-table" data-testid="users-table">
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Status</th>
                <th>Added</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  self={u.id === selfId}
                  onRole={(role) =>
                    act(
                      `${u.email} is now ${role}; their open sessions have ended.`,
                      () => updateUser(csrf, u.id, { role }),
                      u.id === selfId,
                    )
                  }
                  onDisabled={(disabled) =>
                    act(
                      disabled
                        ? `${u.email} is disabled and signed out everywhere.`
                        : `${u.email} can sign in again.`,
                      () => updateUser(csrf, u.id, { disabled }),
                      u.id === selfId,
                    )
                  }
                  onPassword={(password) =>
                    act(
                      `New password set for ${u.email}; their open sessions have ended.`,
                      () => setUserPassword(csrf, u.id, password),
                      u.id === selfId,
                    )
                  }
                />
              ))}
            </tbody>
          </table>
          <p className="muted small">
            A change of role, disabling or a new password signs the user out everywhere. The shop always keeps
            at least one enabled admin.
          </p>
        </div>
      ) : null}
    </div>
  );
}

function AddUserForm({
  onAdd,
}: {
  onAdd: (u: { email: string; role: Role; password: string }) => Promise<void>;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await onAdd({ email: email.trim(), role, password });
    setEmail('');
    setPassword('');
  };
  return (
    <form className="card admin-form" onSubmit={(e) => void submit(e)} data-testid="add-user">
      <h2>Add a user</h2>
      <div className="admin-form-row">
        <label className="field">
          Email
          <input
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          Role
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            aria-label="Role of the new user"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Password (at least {MIN_PASSWORD} characters)
          <input
            type="password"
            required
            minLength={MIN_PASSWORD}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button className="btn btn-primary" type="submit">
          Add user
        </button>
      </div>
    </form>
  );
}

function UserRow({
  user,
  self,
  onRole,
  onDisabled,
  onPassword,
}: {
  user: AdminUser;
  self: boolean;
  onRole: (role: Role) => Promise<void>;
  onDisabled: (disabled: boolean) => Promise<void>;
  onPassword: (password: string) => Promise<void>;
}) {
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const disabled = user.disabledAt !== null;
  const savePassword = async (e: FormEvent) => {
    e.preventDefault();
    await onPassword(password);
    setPassword('');
    setResetting(false);
  };
  return (
    <tr data-testid="user-row" data-email={user.email} className={disabled ? 'row-revoked' : ''}>
      <td>
        <b>{user.email}</b>
        {self ? <span className="badge b-info">you</span> : null}
      </td>
      <td>
        <select
          className="admin-select"
          aria-label={`Role of ${user.email}`}
          value={user.role}
          onChange={(e) => void onRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td>
        {disabled ? (
          <span className="badge b-mute">disabled</span>
        ) : (
          <span className="badge b-ok">active</span>
        )}
      </td>
      <td className="small">{new Date(user.createdAt).toLocaleDateString()}</td>
      <td>
        {resetting ? (
          <form className="admin-actions" onSubmit={(e) => void savePassword(e)}>
            <input
              type="password"
              required
              minLength={MIN_PASSWORD}
              autoComplete="new-password"
              aria-label={`New password for ${user.email}`}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button className="btn btn-primary admin-btn" type="submit">
              Save password
            </button>
            <button className="btn admin-btn" type="button" onClick={() => setResetting(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="admin-actions">
            <button className="btn admin-btn" type="button" onClick={() => void onDisabled(!disabled)}>
              {disabled ? 'Enable' : 'Disable'}
            </button>
            <button className="btn admin-btn" type="button" onClick={() => setResetting(true)}>
              Reset password
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
