import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiClient } from '../data/api-client.ts';
import { SyncHttpError } from '../data/sync-errors.ts';
import { navigate } from '../app/router.ts';
import {
  requestPersistentStorage,
  saveSession,
  tokenFromHash,
  type DeviceSession,
} from '../app/device-session.ts';

interface Props {
  current: DeviceSession | null;
  onEnrolled: (s: DeviceSession) => void;
}

/** A pasted enrol link or a bare token. */
function extractToken(input: string): string {
  const s = input.trim();
  const hash = s.indexOf('#');
  return (hash >= 0 ? tokenFromHash(s.slice(hash)) : null) ?? s;
}

async function enrol(token: string): Promise<DeviceSession> {
  const me = await new ApiClient({ baseUrl: location.origin, token }).me();
  const session: DeviceSession = {
    token,
    tenant: me.tenant,
    device: me.device,
    enrolledAt: new Date().toISOString(),
  };
  saveSession(session);
  await requestPersistentStorage();
  return session;
}

function explain(err: unknown): string {
  if (err instanceof SyncHttpError) {
    if (err.code === 'NETWORK')
      return 'The server cannot be reached. Enrolment needs the network once; check the Wi-Fi and try again.';
    if (err.kind === 'blocked')
      return 'The server does not accept this token. Ask your lead for a new enrol code.';
    return `${err.message} (${err.code})`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Binds this tablet to a shop with a device token, from an enrol link (`/enrol#token=…`) or pasted. */
export function EnrolScreen({ current, onEnrolled }: Props) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  const run = async (t: string) => {
    setBusy(true);
    setError(null);
    try {
      onEnrolled(await enrol(t));
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const fromLink = tokenFromHash(location.hash);
    if (!fromLink || started.current) return;
    started.current = true;
    // Take the token out of the address bar (and the history) before anything else.
    history.replaceState(null, '', '/enrol');
    setToken(fromLink);
    void run(fromLink);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = extractToken(token);
    if (t) void run(t);
  };

  return (
    <div className="center-screen">
      <form className="card" onSubmit={submit} data-testid="enrol">
        <h1 style={{ marginTop: 0 }}>Enrol this tablet</h1>
        {current ? (
          <p>
            Enrolled in <strong>{current.tenant.name}</strong> as <strong>{current.device.name}</strong>.{' '}
            <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
              Back to work
            </a>
          </p>
        ) : (
          <p>Scan the enrol code your lead shows, or paste the enrol link or device token here.</p>
        )}
        <label className="field">
          Enrol link or device token
          <input
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="btn-row" style={{ marginTop: 14 }}>
          <button className="btn btn-primary" type="submit" disabled={busy || !token.trim()}>
            {busy ? 'Checking…' : 'Enrol'}
          </button>
        </div>
      </form>
    </div>
  );
}
