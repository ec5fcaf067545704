import { useEffect, useSyncExternalStore } from 'react';
import { fetchSession, type AccountSession } from './account-api.ts';

/**
 * Who is signed in to this browser (the cookie session), shared by every component that asks.
 * `unknown` until the first answer; the server stays the judge of every request — this only
 * decides what the page shows.
 */
export type AccountState =
  | { status: 'unknown' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: AccountSession }
  | { status: 'error'; message: string };

let state: AccountState = { status: 'unknown' };
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: AccountState) {
  state = next;
  for (const l of [...listeners]) l();
}

/** Asks the server who is signed in (again). */
export function refreshAccount(): Promise<void> {
  inflight ??= fetchSession()
    .then(
      (s) => publish(s ? { status: 'signed-in', session: s } : { status: 'signed-out' }),
      (err: unknown) =>
        publish({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

export function setSignedOut(): void {
  publish({ status: 'signed-out' });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The account state; the first user triggers the lookup. */
export function useAccount(): AccountState {
  const s = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (state.status === 'unknown') void refreshAccount();
  }, []);
  return s;
}
