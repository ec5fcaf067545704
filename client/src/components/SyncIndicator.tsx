import type { SyncStatus } from '../data/sync-status.ts';
import { formatAgo } from '../format.ts';
import { Link } from './Link.tsx';
import { useNow } from '../hooks/use-now.ts';

const LABEL: Record<SyncStatus['state'], string> = {
  offline: 'Offline',
  blocked: 'Sync blocked',
  syncing: 'Syncing',
  synced: 'Synced',
  standby: 'Synced by another tab',
};

/** The indicator's second line: why it is blocked, else when it last synced. */
export function syncDetail(s: SyncStatus, now: number): string {
  if (s.state === 'blocked') return s.lastFailure?.message ?? 'the server refused this device';
  return s.lastSyncedAt ? `last synced ${formatAgo(s.lastSyncedAt, now)}` : 'never synced';
}

/** Always on screen: online/offline, syncing, N edits waiting, last synced. Tap for details. */
export function SyncIndicator({ status }: { status: SyncStatus | null }) {
  // Re-render every 15 s so "last synced 2 min ago" stays true.
  const now = useNow(15_000);
  if (!status) {
    return (
      <span className="sync sync-standby" role="status">
        <span className="dot" aria-hidden />
        Starting…
      </span>
    );
  }
  return (
    <Link
      href="/sync"
      className={`sync sync-${status.state}`}
      role="status"
      aria-live="polite"
      data-testid="sync-indicator"
      data-state={status.state}
      data-pending={status.pending}
    >
      <span className="dot" aria-hidden />
      <span>
        {LABEL[status.state]}
        {status.pending > 0 ? (
          <>
            <span className="sync-long">
              {' '}
              · {status.pending === 1 ? '1 edit' : `${status.pending} edits`} waiting
            </span>
            <span className="sync-short" aria-hidden>
              {' '}
              · {status.pending}
            </span>
          </>
        ) : null}
        <small>{syncDetail(status, now)}</small>
      </span>
    </Link>
  );
}
