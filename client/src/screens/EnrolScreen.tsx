import { Suspense, lazy, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiClient } from '../data/api-client.ts';
import { SyncHttpError } from '../data/sync-errors.ts';
import { navigate } from '../app/router.ts';
import {
  pairCodeFromHash,
  requestPersistentStorage,
  saveSession,
  tokenFromHash,
  type DeviceSession,
} from '../app/device-session.ts';
import { AccountError, redeemPairingCode } from '../account/account-api.ts';

// The camera scanner (html5-qrcode) loads only when asked for.
const CameraScanner = lazy(() =>
  import('../scan/CameraScanner.tsx').then((m) => ({ default: m.CameraScanner })),
);

/** A scanned text that is a pairing QR (`…/enrol#pair=CODE`) or a bare code: the code, else null. */
export function pairCodeFromScan(text: string): string | null {
  const t = text.trim();
  const hash = t.indexOf('#');
  if (hash >= 0) return pairCodeFromHash(t.slice(hash));
  return /^[0-9A-Z]{5}-?[0-9A-Z]{5}$/i.test(t) ? t.toUpperCase() : null;
}

interface Props {
  current: DeviceSession | null;
  onEnrolled: (s: DeviceSession) => void;
}

/** What was typed or pasted: a pairing code (`ABCDE-FGHJK`), an enrol link of either kind, or a device token. */
export function parseEnrolInput(input: string): { kind: 'pair' | 'token'; value: string } | null {
  const s = input.trim();
  if (!s) return null;
  const hash = s.indexOf('#');
  if (hash >= 0) {
    const code = pairCodeFromHash(s.slice(hash));
    if (code) return { kind: 'pair', value: code };
    const token = tokenFromHash(s.slice(hash));
    if (token) return { kind: 'token', value: token };
  }
  if (s.startsWith('pfd_')) return { kind: 'token', value: s };
  return { kind: 'pair', value: s };
}

async function enrolWithToken(token: string): Promise<DeviceSession> {
  const me = await new ApiClient({ baseUrl: location.origin, token }).me();
  const session: DeviceSession = {
    token,
    tenant: me.tenant,
    device: me.device,
    enrolledAt: new Date().toISOString(),
    kind: 'tablet',
  };
  saveSession(session);
  await requestPersistentStorage();
  return session;
}

function explain(err: unknown): string {
  if (err instanceof AccountError) {
    if (err.code === 'invalid_code')
      return 'This pairing code is wrong, used or expired. Ask your manager for a new one (Manage → Add tablet).';
    if (err.code === 'too_many_requests')
      return `Too many tries. Wait ${err.retryAfterSeconds ?? 10} seconds.`;
    if (err.code === 'network')
      return 'The server cannot be reached. Enrolment needs the network once; check the Wi-Fi and try again.';
    return err.message;
  }
  if (err instanceof SyncHttpError) {
    if (err.code === 'NETWORK')
      return 'The server cannot be reached. Enrolment needs the network once; check the Wi-Fi and try again.';
    if (err.kind === 'blocked')
      return 'The server does not accept this token. Ask your lead for a new enrol code.';
    return `${err.message} (${err.code})`;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Binds this tablet to a shop (issue 7): the manager's Add tablet QR opens `/enrol#pair=CODE`
 * (or the code is typed), the tablet is named, and the one-time code becomes this tablet's own
 * device token. Demo and CLI links (`/enrol#token=…`) still work.
 */
export function EnrolScreen({ current, onEnrolled }: Props) {
  const [input, setInput] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const started = useRef(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const parsed = parseEnrolInput(input);

  const run = async (p: { kind: 'pair' | 'token'; value: string }, deviceName: string) => {
    setBusy(true);
    setError(null);
    try {
      const token =
        p.kind === 'token' ? p.value : (await redeemPairingCode(p.value, deviceName.trim())).token;
      onEnrolled(await enrolWithToken(token));
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = pairCodeFromHash(location.hash);
    const fromLink = tokenFromHash(location.hash);
    if (!code && !fromLink) return;
    // Take the secret out of the address bar (and the history) before anything else.
    history.replaceState(null, '', '/enrol');
    if (code) {
      setInput(code);
      nameRef.current?.focus();
    } else if (fromLink) {
      setInput(fromLink);
      void run({ kind: 'token', value: fromLink }, '');
    }
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed && (parsed.kind === 'token' || name.trim())) void run(parsed, name);
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
          <p>
            Scan the QR your manager shows under <em>Manage → Add tablet</em> with this tablet’s camera, or
            type its pairing code here.
          </p>
        )}
        <label className="field">
          Pairing code
          <input
            value={input}
            onChange={(e) => setInput(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCDE-FGHJK"
            data-testid="enrol-code"
          />
        </label>
        {parsed?.kind !== 'token' ? (
          <label className="field">
            Name of this tablet
            <input
              ref={nameRef}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="off"
              maxLength={100}
              placeholder="e.g. Bench 3"
              data-testid="enrol-name"
            />
          </label>
        ) : null}
        {scanning ? (
          <div className="enrol-scan" style={{ height: 'min(60dvh, 480px)', marginBottom: 12 }}>
            <Suspense fallback={<p className="muted">Starting the camera…</p>}>
              <CameraScanner
                title="Scan the QR under Manage → Add tablet"
                onScan={(text) => {
                  const code = pairCodeFromScan(text);
                  if (!code)
                    return setError('That QR is not a pairing code. Scan the one under Manage → Add tablet.');
                  setError(null);
                  setInput(code);
                  setScanning(false);
                  setTimeout(() => nameRef.current?.focus(), 0);
                }}
                onClose={() => setScanning(false)}
              />
            </Suspense>
          </div>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="btn-row" style={{ marginTop: 14 }}>
          <button
            className="btn btn-primary"
            type="submit"
            disabled={busy || !parsed || (parsed.kind === 'pair' && !name.trim())}
          >
            {busy ? 'Enrolling…' : 'Enrol'}
          </button>
          {scanning ? null : (
            <button className="btn" type="button" onClick={() => setScanning(true)} data-testid="enrol-scan">
              Scan QR
            </button>
          )}
          <a className="btn" href="/signin" onClick={(e) => (e.preventDefault(), navigate('/signin'))}>
            Manager sign-in
          </a>
        </div>
      </form>
    </div>
  );
}
