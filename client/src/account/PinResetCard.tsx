import { useEffect, useState } from 'react';
import { useQuery } from '../hooks/use-query.ts';
import { fetchPinPeople, resetPin } from './account-api.ts';

/**
 * Operator PINs held by the server (issue 7): who has one, and a reset for a forgotten or
 * locked-out PIN (clears the lockout too; the person signs in by badge and sets a new one).
 */
export function PinResetCard({ csrf }: { csrf: string }) {
  const { docs: people } = useQuery('people', { selector: { active: true } });
  const [withPin, setWithPin] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    fetchPinPeople().then(setWithPin, (err: unknown) =>
      setMessage(err instanceof Error ? err.message : String(err)),
    );
  }, []);

  const reset = async (id: string, name: string) => {
    try {
      await resetPin(csrf, id);
      setWithPin((w) => (w ?? []).filter((x) => x !== id));
      setMessage(`${name}'s PIN is cleared: a badge sign-in, then a new PIN.`);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  const listed = people
    .filter((p) => withPin?.includes(p.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <section className="card" data-testid="pin-reset" style={{ marginTop: 16, maxWidth: 640 }}>
      <h2 style={{ marginTop: 0 }}>Operator PINs</h2>
      {withPin === null ? <p className="muted">Loading…</p> : null}
      {withPin !== null && listed.length === 0 ? <p className="muted">Nobody has set a PIN yet.</p> : null}
      <ul className="pin-people">
        {listed.map((p) => (
          <li key={p.id}>
            <span>{p.displayName}</span>
            <button className="btn btn-small" onClick={() => void reset(p.id, p.displayName)}>
              Reset PIN
            </button>
          </li>
        ))}
      </ul>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
