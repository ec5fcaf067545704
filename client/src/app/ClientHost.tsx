import { useEffect, useState } from 'react';
import { createPrintfloorClient, type PrintfloorClient } from '../data/client.ts';
import { loadValidationOnly } from '../data/dev-mode.ts';
import { AppContext } from './client-context.ts';
import { AppShell } from './AppShell.tsx';
import { databaseName, loadLastSyncedAt, saveLastSyncedAt, type DeviceSession } from './device-session.ts';

let previousClose: Promise<void> = Promise.resolve();

/** Opens the local database and starts syncing for the enrolled device; closes them on unmount. */
export function ClientHost({ session, signOut }: { session: DeviceSession; signOut: () => void }) {
  const [client, setClient] = useState<PrintfloorClient | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let closed = false;
    // Opens wait for the previous close: React's StrictMode mounts twice in dev, and two RxDB
    // instances of one database racing each other corrupt the start of both.
    const opening = previousClose.then(() =>
      createPrintfloorClient({
        name: databaseName(session),
        ...(import.meta.env.DEV ? { devMode: loadValidationOnly } : {}),
        baseUrl: location.origin,
        token: session.token,
        deviceId: session.device.id,
        tenantSlug: session.tenant.slug,
        sync: { lastSyncedAt: loadLastSyncedAt() },
      }),
    );
    opening.then(
      (c) => {
        if (!closed) setClient(c);
      },
      (err: unknown) => {
        if (!closed) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      closed = true;
      previousClose = opening.then(
        (c) => c.close(),
        () => undefined,
      );
    };
  }, [session]);

  useEffect(() => {
    if (!client) return;
    const sub = client.sync.status$.subscribe((s) => saveLastSyncedAt(s.lastSyncedAt));
    return () => sub.unsubscribe();
  }, [client]);

  if (error) {
    return (
      <div className="center-screen">
        <div className="card" role="alert">
          <h1>The local database did not open</h1>
          <p>{error}</p>
          <p className="muted">
            Nothing was deleted. Close other Printfloor tabs and reload; if it persists, call your lead.
          </p>
          <button className="btn btn-primary" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
  if (!client) {
    return (
      <div className="center-screen" role="status">
        <p className="big-number">Opening…</p>
      </div>
    );
  }
  return (
    <AppContext.Provider value={{ client, session, signOut }}>
      <AppShell />
    </AppContext.Provider>
  );
}
