import { useMemo, useState, type FormEvent } from 'react';
import type { Person } from '@printfloor/shared';
import { navigate } from '../../app/router.ts';
import { useFloor, useOperator } from '../../hooks/use-floor.ts';
import { useQuery } from '../../hooks/use-query.ts';
import { DIALOG, useScanTarget } from '../../scan/scan-targets.ts';
import { humanize } from '../../format.ts';
import { PinPad } from './PinPad.tsx';
import { badgeCodeOf, findByBadge, nextPath, pinMessage } from './sign-in.ts';
import { useServerPins } from './use-pins.ts';

/**
 * "Who is working?": one tap for someone already signed in on this tablet this shift, a badge
 * scan (keyboard-wedge scanner or typed), or a name and a PIN — checked by the server, or by this
 * tablet's cached verifier when offline (floor/pin-server.ts).
 */
export function SignInScreen() {
  const { operators } = useFloor();
  const { pins, version } = useServerPins();
  const operator = useOperator();
  const { docs: people, loading } = useQuery('people', { selector: { active: true } });
  const [badge, setBadge] = useState('');
  const [chosen, setChosen] = useState<Person | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = nextPath(location.search);
  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const sorted = useMemo(
    () =>
      [...people].sort(
        (a, b) =>
          Number(pins.has(b.id)) - Number(pins.has(a.id)) || a.displayName.localeCompare(b.displayName),
      ),
    // `version`: the server's list of who has a PIN arrived.
    [people, pins, version],
  );

  const done = () => navigate(next, { replace: true });

  const signInByBadge = (text: string): boolean => {
    const person = findByBadge(people, text);
    if (!person) {
      setMessage(`No active person has the badge “${badgeCodeOf(text)}”.`);
      return false;
    }
    operators.signIn(person.id, 'badge');
    done();
    return true;
  };

  // A badge scanned anywhere while this screen is open signs in (before the app's "open the record").
  useScanTarget((text) => (findByBadge(people, text) ? signInByBadge(text) : false), { priority: DIALOG });

  const onBadge = (e: FormEvent) => {
    e.preventDefault();
    if (badge.trim()) signInByBadge(badge);
  };

  const onPin = async (pin: string) => {
    if (!chosen) return;
    setBusy(true);
    try {
      const r = await pins.verify(chosen.id, pin);
      if (r.ok) {
        operators.signIn(chosen.id, 'pin');
        return done();
      }
      setMessage(pinMessage(r, chosen.displayName));
    } finally {
      setBusy(false);
    }
  };

  const recent = operator.snapshot.recent.filter((s) => byId.has(s.personId));
  return (
    <div className="page" data-testid="sign-in">
      <h1>Who is working?</h1>
      <p className="muted" data-testid="idle-note">
        Signed out automatically after {operators.idleMinutes()} min without an action.
      </p>
      {message ? (
        <p className="notice" role="alert">
          {message}
        </p>
      ) : null}
      {recent.length > 0 ? (
        <section>
          <h2>Signed in on this tablet this shift — one tap</h2>
          <div className="tiles">
            {recent.map((s) => (
              <button
                key={s.personId}
                className="tile"
                onClick={() =>
                  operators.switchTo(s.personId)
                    ? done()
                    : setMessage('That shift session has ended: scan your badge.')
                }
              >
                <strong>{byId.get(s.personId)?.displayName}</strong>
                <small>{humanize(byId.get(s.personId)?.role ?? '')}</small>
              </button>
            ))}
          </div>
        </section>
      ) : null}
      <section className="card">
        <h2>Scan your badge</h2>
        <form className="inline-form" onSubmit={onBadge}>
          <label className="field">
            Badge code
            <input
              value={badge}
              onChange={(e) => setBadge(e.target.value)}
              autoComplete="off"
              placeholder="scan, or type the code"
              data-testid="badge-input"
            />
          </label>
          <button className="btn btn-primary" type="submit">
            Sign in
          </button>
        </form>
      </section>
      <section className="card">
        <h2>Or your name and PIN</h2>
        {loading ? <p className="empty">Loading people…</p> : null}
        {!loading && people.length === 0 ? (
          <p className="empty">No people on this tablet yet — they appear once synced.</p>
        ) : null}
        {chosen ? (
          <div className="pin-step">
            <p>
              <strong>{chosen.displayName}</strong>{' '}
              <button className="btn" onClick={() => setChosen(null)}>
                Not me
              </button>
            </p>
            {pins.has(chosen.id) ? (
              <PinPad label={`PIN for ${chosen.displayName}`} busy={busy} onSubmit={(p) => void onPin(p)} />
            ) : (
              <p className="notice">
                No PIN for {chosen.displayName} yet. Scan your badge once, then set a PIN from the operator
                menu.
              </p>
            )}
          </div>
        ) : (
          <div className="tiles">
            {sorted.map((p) => (
              <button
                key={p.id}
                className="tile"
                onClick={() => {
                  setChosen(p);
                  setMessage(null);
                }}
                data-testid="person-tile"
              >
                <strong>{p.displayName}</strong>
                <small>
                  {humanize(p.role)}
                  {pins.has(p.id) ? ' · PIN' : ''}
                </small>
              </button>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
