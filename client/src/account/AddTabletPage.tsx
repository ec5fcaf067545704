import { useCallback, useEffect, useState } from 'react';
import { roleAtLeast } from './roles.ts';
import { createPairingCode, type PairingCode } from './account-api.ts';
import { useAccount } from './account-store.ts';
import { TabletSettingsCard } from './TabletSettingsCard.tsx';
import { PinResetCard } from './PinResetCard.tsx';
import './account.css';

/** `m:ss` left until `expiresAt`, or null once expired. */
export function timeLeft(expiresAt: string, now: number): string | null {
  const ms = Date.parse(expiresAt) - now;
  if (!(ms > 0)) return null;
  const s = Math.min(Math.floor(ms / 1000), 600);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The link the QR holds: the tablet's camera opens it, and the enrol screen redeems the code. */
export const enrolUrl = (origin: string, code: string) => `${origin}/enrol#pair=${encodeURIComponent(code)}`;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/**
 * `/manage/add-tablet` (issue 7): a one-time pairing code as a QR and in large type, valid 10
 * minutes. The tablet scans it with its camera (or types the code on its enrol screen), names
 * itself and receives its own device token. A new code on request; an unused one simply expires.
 */
export function AddTabletPage() {
  const account = useAccount();
  const session = account.status === 'signed-in' ? account.session : null;
  const mayEnrol = session !== null && roleAtLeast(session.user.role, 'manager');
  const [pairing, setPairing] = useState<PairingCode | null>(null);
  const [svg, setSvg] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(1000);

  const newCode = useCallback(async () => {
    if (!session || !mayEnrol) return;
    setBusy(true);
    setError(null);
    try {
      const p = await createPairingCode(session.csrfToken);
      const { toString: qrSvg } = (await import('qrcode')).default;
      setSvg(
        await qrSvg(enrolUrl(location.origin, p.code), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
      );
      setPairing(p);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }, [session, mayEnrol]);

  useEffect(() => {
    if (!pairing && mayEnrol) void newCode();
    // Only on arrival: later codes come from the button.
  }, [mayEnrol]);

  const left = pairing ? timeLeft(pairing.expiresAt, now) : null;
  return (
    <div className="manage-page page" data-testid="add-tablet">
      <h1>Add a tablet</h1>
      {!mayEnrol ? (
        <p className="notice">Adding tablets needs a manager or admin account.</p>
      ) : (
        <div className="add-tablet">
          <div>
            <div
              className={`pair-qr ${left ? '' : 'expired'}`}
              data-testid="pair-qr"
              role="img"
              aria-label={
                pairing ? `QR code of the enrol link for pairing code ${pairing.code}` : 'Making a code'
              }
              // The SVG comes from the qrcode package, built from our own URL: no user input in it.
              dangerouslySetInnerHTML={{ __html: svg }}
            />
          </div>
          <div>
            <p className="muted">Pairing code</p>
            <p className="pair-code" data-testid="pair-code" data-code={pairing?.code ?? ''}>
              {pairing?.code ?? '…'}
            </p>
            <p
              className={`pair-countdown ${left ? '' : 'expired'}`}
              data-testid="pair-countdown"
              aria-live="off"
            >
              {pairing ? (left ? `Valid for ${left}` : 'Expired — get a new code') : 'Making a code…'}
            </p>
            <ol className="pair-steps">
              <li>On the tablet, scan this QR with the camera (or open Printfloor and type the code).</li>
              <li>Give the tablet a name, e.g. “Bench 3” or “Printer wall left”.</li>
              <li>It syncs the shop’s data and is ready for operators. The code works once.</li>
            </ol>
            {error ? (
              <p className="field-error" role="alert">
                {error}
              </p>
            ) : null}
            <button className="btn btn-primary" disabled={busy} onClick={() => void newCode()}>
              {busy ? 'Making a code…' : 'New code'}
            </button>
          </div>
        </div>
      )}
      {session ? <TabletSettingsCard csrf={session.csrfToken} mayEdit={mayEnrol} /> : null}
      {session && mayEnrol ? <PinResetCard csrf={session.csrfToken} /> : null}
    </div>
  );
}
