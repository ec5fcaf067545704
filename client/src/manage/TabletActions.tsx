import { useState, type FormEvent } from 'react';
import { renameDevice, revokeDevice } from '../account/account-api.ts';
import { useAccount } from '../account/account-store.ts';
import './admin-pages.css';

/**
 * Rename and Revoke on a row of /manage/tablets (manager or higher). Revoking asks first: the
 * tablet's token stops working at once and it must be enrolled again.
 */
export function TabletActions({ id, name, onChanged }: { id: string; name: string; onChanged: () => void }) {
  const account = useAccount();
  const [mode, setMode] = useState<'idle' | 'rename' | 'confirm-revoke'>('idle');
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);
  if (account.status !== 'signed-in') return null;
  const csrf = account.session.csrfToken;

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
      setMode('idle');
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    void run(() => renameDevice(csrf, id, draft.trim()));
  };

  return (
    <div data-testid="tablet-actions">
      {mode === 'idle' ? (
        <div className="admin-actions admin-actions-nowrap">
          <button
            className="btn admin-btn"
            type="button"
            onClick={() => {
              setDraft(name);
              setMode('rename');
            }}
          >
            Rename
          </button>
          <button className="btn admin-btn" type="button" onClick={() => setMode('confirm-revoke')}>
            Revoke
          </button>
        </div>
      ) : null}
      {mode === 'rename' ? (
        <form className="admin-actions" onSubmit={rename}>
          <input
            required
            maxLength={100}
            aria-label={`New name for ${name}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button className="btn btn-primary admin-btn" type="submit">
            Save name
          </button>
          <button className="btn admin-btn" type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      ) : null}
      {mode === 'confirm-revoke' ? (
        <div className="admin-actions" role="alertdialog" aria-label={`Revoke ${name}?`}>
          <span className="small">Revoke {name}? It stops syncing and must be enrolled again.</span>
          <button
            className="btn btn-primary admin-btn"
            type="button"
            onClick={() => void run(() => revokeDevice(csrf, id))}
          >
            Yes, revoke
          </button>
          <button className="btn admin-btn" type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
