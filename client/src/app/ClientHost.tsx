import { useEffect, useMemo, useState } from 'react';
import { createPrintfloorClient, type PrintfloorClient } from '../data/client.ts';
import { loadValidationOnly } from '../data/dev-mode.ts';
import { AppContext } from './client-context.ts';
import { AppShell } from './AppShell.tsx';
import { databaseName, loadLastSyncedAt, saveLastSyncedAt, type DeviceSession } from './device-session.ts';
import { floorServices, floorStores, type FloorServices } from '../floor/services.ts';
import { logger } from '../data/logger.ts';
import { startHeartbeat } from '../data/heartbeat.ts';

let previousClose: Promise<void> = Promise.resolve();

/** Opens the local database and starts syncing for the enrolled device; closes them on unmount. */
export function ClientHost({ session, signOut }: { session: DeviceSession; signOut: () => void }) {
  const [client, setClient] = useState<PrintfloorClient | null>(null);
  const [floor, setFloor] = useState<FloorServices | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Created before the database: the writer stamps every event with the current operator.
  const stores = useMemo(() => floorStores(session.tenant.slug), [session.tenant.slug]);

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
        operatorId: () => stores.operators.currentId(),
      }),
    );
    let services: FloorServices | null = null;
    opening.then(
      (c) => {
        if (closed) return;
        services = floorServices(c, stores);
        // The index loads in the background: screens show their loading state until it is ready.
        services.index.start().catch((err: unknown) => logger.error('the floor index did not load', err));
        setClient(c);
        setFloor(services);
      },
      (err: unknown) => {
        if (!closed) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      closed = true;
      services?.index.stop();
      previousClose = opening.then(
        (c) => c.close(),
        () => undefined,
      );
    };
  }, [session, stores]);

  // Another tab of the app changed the station or who is signed in.
  useEffect(() => {
    const onStorage = () => {
      stores.station.reload();
      stores.operators.refresh();
    };
    window.addEventListener('storage', onStorage);
    const t = setInterval(() => stores.operators.refresh(), 30_000);
    return () => {
      window.removeEventListener('storage', onStorage);
      clearInterval(t);
    };
  }, [stores]);

  useEffect(() => {
    if (!client) return;
    const sub = client.sync.status$.subscribe((s) => saveLastSyncedAt(s.lastSyncedAt));
    return () => sub.unsubscribe();
  }, [client]);

  // The manager's Tablets page shows this tablet's build, edits waiting and last sync (issue 6).
  useEffect(() => {
    if (!client) return;
    return startHeartbeat({
      status$: client.sync.status$,
      appVersion: (import.meta as { env?: Record<string, string | undefined> }).env?.VITE_PRINTFLOOR_BUILD ?? 'dev',
      send: (body) => client.api.request('/api/devices/heartbeat', { method: 'POST', body: JSON.stringify(body) }),
    });
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
  if (!client || !floor) {
    return (
      <div className="center-screen" role="status">
        <p className="big-number">Opening…</p>
      </div>
    );
  }
  return (
    <AppContext.Provider value={{ client, session, signOut, floor }}>
      <AppShell />
    </AppContext.Provider>
  );
}
