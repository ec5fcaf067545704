import { useEffect } from 'react';
import { useApp } from '../app/client-context.ts';

/** How often a tablet re-reads the shop's settings (and at every return online). */
const EVERY_MS = 5 * 60_000;

/** `GET /api/me` → the shop's settings for tablets, or null without an answer. */
export async function fetchTabletSettings(
  baseUrl: string,
  token: string,
): Promise<{ operatorIdleMinutes: number } | null> {
  try {
    const res = await fetch(`${baseUrl}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { settings?: { operatorIdleMinutes?: unknown } };
    const m = body.settings?.operatorIdleMinutes;
    return typeof m === 'number' ? { operatorIdleMinutes: m } : null;
  } catch {
    return null;
  }
}

/**
 * Keeps this tablet's idle sign-out time in step with the manager's setting (issue 7). The value
 * is stored by OperatorSessions, so an offline start uses the last one read.
 */
export function useTabletSettingsSync(): void {
  const { session, floor } = useApp();
  useEffect(() => {
    let live = true;
    const pull = () =>
      void fetchTabletSettings(location.origin, session.token).then((s) => {
        if (live && s) floor.operators.setIdleMinutes(s.operatorIdleMinutes);
      });
    pull();
    const t = setInterval(pull, EVERY_MS);
    window.addEventListener('online', pull);
    return () => {
      live = false;
      clearInterval(t);
      window.removeEventListener('online', pull);
    };
  }, [session.token, floor.operators]);
}
