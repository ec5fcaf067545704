import type { Observable } from 'rxjs';
import { logger } from './logger.ts';
import type { SyncStatus } from './sync-status.ts';

/** What `POST /api/devices/heartbeat` takes (server/src/tablets/tablet-status.ts). */
export interface HeartbeatBody {
  appVersion: string;
  pendingEdits: number;
  lastSyncAt: string | null;
}

export function heartbeatBody(s: Pick<SyncStatus, 'pending' | 'lastSyncedAt'>, appVersion: string): HeartbeatBody {
  return {
    appVersion: appVersion.slice(0, 60) || 'unknown',
    pendingEdits: Math.max(0, Math.floor(s.pending)),
    lastSyncAt: s.lastSyncedAt === null ? null : new Date(s.lastSyncedAt).toISOString(),
  };
}

export interface HeartbeatOptions {
  status$: Observable<SyncStatus>;
  appVersion: string;
  send: (body: HeartbeatBody) => Promise<unknown>;
  /** Regular report; default one a minute. */
  intervalMs?: number;
  /** First report after start (once a status is known); default 3 s. */
  firstMs?: number;
}

/**
 * Tells the server, for the manager's Tablets page, this tablet's app build, edits waiting and last
 * sync: soon after start, then every `intervalMs`, and when the edits waiting reach zero (at most
 * once per 10 s). Offline the report simply fails and the next one tries again. Returns a stop.
 */
export function startHeartbeat(o: HeartbeatOptions): () => void {
  let latest: SyncStatus | null = null;
  let lastSent = 0;
  let prevPending = -1;
  const send = () => {
    if (!latest) return;
    lastSent = Date.now();
    o.send(heartbeatBody(latest, o.appVersion)).catch((e: unknown) =>
      logger.debug('heartbeat not sent:', e instanceof Error ? e.message : String(e)),
    );
  };
  const sub = o.status$.subscribe((s) => {
    latest = s;
    if (prevPending > 0 && s.pending === 0 && Date.now() - lastSent > 10_000) send();
    prevPending = s.pending;
  });
  const first = setTimeout(send, o.firstMs ?? 3_000);
  const every = setInterval(send, o.intervalMs ?? 60_000);
  return () => {
    clearTimeout(first);
    clearInterval(every);
    sub.unsubscribe();
  };
}
