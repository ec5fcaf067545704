import { useEffect, useState, type FormEvent } from 'react';
import { fetchSettings, saveSettings } from './account-api.ts';

/** The shop-wide tablet settings (issue 7): how long before an idle operator is signed out. */
export function TabletSettingsCard({ csrf, mayEdit }: { csrf: string; mayEdit: boolean }) {
  const [minutes, setMinutes] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!mayEdit) return;
    fetchSettings().then(
      (s) => {
        setMinutes(s.operatorIdleMinutes);
        setDraft(String(s.operatorIdleMinutes));
      },
      (err: unknown) => setMessage(err instanceof Error ? err.message : String(err)),
    );
  }, [mayEdit]);

  if (!mayEdit) return null;
  const n = Number(draft);
  const valid = Number.isInteger(n) && n >= 1 && n <= 720;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const s = await saveSettings(csrf, { operatorIdleMinutes: n });
      setMinutes(s.operatorIdleMinutes);
      setMessage(`Saved: tablets sign an idle operator out after ${s.operatorIdleMinutes} min.`);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="card" data-testid="tablet-settings" style={{ marginTop: 24, maxWidth: 640 }}>
      <h2 style={{ marginTop: 0 }}>Tablet settings</h2>
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <label className="field">
          Sign an idle operator out after (minutes)
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={720}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="idle-minutes"
          />
        </label>
        <button className="btn btn-primary" type="submit" disabled={!valid || n === minutes}>
          Save
        </button>
      </form>
      <p className="muted">
        Every tablet applies it at its next sync check (and keeps it offline). Now: {minutes ?? '…'} min.
      </p>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
