import { useEffect, useRef, useState } from 'react';
import { navigate } from '../../app/router.ts';
import { useFloor, useOperator } from '../../hooks/use-floor.ts';
import { useLookup } from '../../hooks/use-query.ts';
import { humanize } from '../../format.ts';
import { Icon } from '../../components/Icon.tsx';
import { useTabletSettingsSync } from '../../account/tablet-settings.ts';
import { nextPath } from './sign-in.ts';

/** Where sign-in returns to: here, or — when already on the sign-in screen — where that one returns. */
function returnPath(): string {
  return location.pathname === '/sign-in' ? nextPath(location.search) : location.pathname;
}

/**
 * The operator chip in the top bar. Tap 1 opens it; tap 2 on a name switches to that person (they
 * proved who they are on this tablet this shift) — the two-tap switch of issue 3. Also: someone
 * else (badge or PIN), set my PIN, sign out.
 */
export function OperatorMenu() {
  const { operators } = useFloor();
  const operator = useOperator();
  const people = useLookup('people');
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // The idle sign-out time is the shop's setting (issue 7); the chip is on every floor screen.
  useTabletSettingsSync();

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);

  const go = (to: string) => {
    setOpen(false);
    navigate(to);
  };
  const others = operator.snapshot.recent.filter((s) => s.personId !== operator.personId);
  return (
    <div className="op-menu" ref={ref}>
      <button
        className={`chip-top ${operator.personId ? '' : 'chip-warn'}`}
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen(!open)}
        data-testid="operator-chip"
      >
        <Icon name="person" />
        <span>
          {operator.personId ? operator.name : 'Nobody signed in'}
          <small>{operator.personId ? humanize(operator.role) : 'tap to sign in'}</small>
        </span>
      </button>
      {open ? (
        <div className="op-sheet" role="menu" aria-label="Operator">
          {others.map((s) => (
            <button
              key={s.personId}
              className="btn op-item"
              role="menuitem"
              onClick={() => {
                if (operators.switchTo(s.personId)) setOpen(false);
                else go('/sign-in');
              }}
            >
              ⇄ {people.get(s.personId)?.displayName ?? 'Unknown person'}
            </button>
          ))}
          <button
            className="btn op-item"
            role="menuitem"
            onClick={() => go(`/sign-in?next=${encodeURIComponent(returnPath())}`)}
          >
            Someone else (badge or PIN)
          </button>
          {operator.personId ? (
            <>
              <button className="btn op-item" role="menuitem" onClick={() => go('/pin')}>
                Set my PIN
              </button>
              <button
                className="btn op-item btn-danger"
                role="menuitem"
                onClick={() => {
                  operators.signOut();
                  setOpen(false);
                }}
              >
                Sign out {operator.name}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
