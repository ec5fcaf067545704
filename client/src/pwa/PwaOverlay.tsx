import { useEffect, useState, useSyncExternalStore } from 'react';
import { getPwa } from './register.ts';
import { DEFAULT_IDLE_MS, isIdle } from './idle-policy.ts';
import { STORAGE_FULL_MESSAGE, onStorageFull, storageFullCount } from './storage-errors.ts';
import { preloadScreens } from './lazy-screen.tsx';
import './pwa.css';

/**
 * How long without a touch before a waiting update applies itself. A build may set it
 * (`VITE_PRINTFLOOR_UPDATE_IDLE_MS`, e.g. a shorter one for a kiosk, or for the e2e test of the rule).
 */
const IDLE_MS =
  Number((import.meta as { env?: Record<string, string | undefined> }).env?.VITE_PRINTFLOOR_UPDATE_IDLE_MS) ||
  DEFAULT_IDLE_MS;
/** How often the idle rule is looked at while an update waits. */
const IDLE_POLL_MS = Math.min(5_000, IDLE_MS / 2);

/**
 * "Update ready": a big button at the corner of every screen while a new version waits. A tap
 * applies it (after any running action); otherwise it applies itself once the tablet is idle
 * (idle-policy.ts) — never while something is being typed, a dialog is open or an action runs.
 */
export function UpdatePrompt() {
  const { updates, activity } = getPwa();
  const state = useSyncExternalStore(updates.subscribe, updates.getState);
  const [tapped, setTapped] = useState(false);

  useEffect(() => {
    if (state.phase !== 'ready') return;
    const t = setInterval(
      () => {
        const snap = activity.snapshot();
        // A tap waits only for explicit holds (the tap itself moved the focus off any field).
        const go = tapped ? snap.holds === 0 : isIdle(snap, IDLE_MS);
        if (go) void updates.apply();
      },
      tapped ? 250 : IDLE_POLL_MS,
    );
    return () => clearInterval(t);
  }, [state.phase, tapped, updates, activity]);

  if (state.phase === 'current') return null;
  const applying = state.phase === 'applying' || tapped;
  return (
    <div className="pwa-update" data-testid="update-prompt" data-phase={state.phase}>
      <button
        className="btn btn-go"
        disabled={applying}
        onClick={() => {
          setTapped(true);
          if (activity.snapshot().holds === 0) void updates.apply();
        }}
      >
        {applying ? 'Updating…' : 'Update ready — tap to restart'}
      </button>
      {applying ? null : <small>Installs by itself when the tablet is idle. Nothing on it is lost.</small>}
    </div>
  );
}

/** A lasting alert after a write failed because the tablet's storage is full. */
export function StorageFullAlert() {
  const [count, setCount] = useState(storageFullCount);
  const [dismissedAt, setDismissedAt] = useState(0);
  useEffect(() => onStorageFull(setCount), []);
  if (count === 0 || count === dismissedAt) return null;
  return (
    <div className="pwa-storage-full" role="alert" data-testid="storage-full">
      <p>{STORAGE_FULL_MESSAGE}</p>
      <button className="btn" onClick={() => setDismissedAt(count)}>
        OK
      </button>
    </div>
  );
}

/** Everything the PWA layer shows over the app, on every screen (enrolment included). */
export function PwaOverlay() {
  // Once the first screen is up, fetch the lazy screens in the background (fast first tap later).
  useEffect(() => preloadScreens(), []);
  return (
    <>
      <UpdatePrompt />
      <StorageFullAlert />
    </>
  );
}
