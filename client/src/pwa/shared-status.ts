import { BehaviorSubject, Observable, combineLatest, distinctUntilChanged, map } from 'rxjs';
import type { SyncStatus } from '../data/sync-status.ts';

/** What a tab needs: its own status stream and a name for the device-local channel. */
export interface StatusSource {
  status$: Observable<SyncStatus>;
  /** The local database's name: tabs of one enrolment share it. */
  channelName: string;
}

interface Message {
  type: 'status' | 'hello';
  status?: SyncStatus;
}

/**
 * One replication per device, a right indicator in every tab. RxDB's leader election lets one tab
 * replicate; the others see `standby`. The leader posts its status (online, syncing, last synced,
 * last failure) on a BroadcastChannel and every other tab shows it, with its own counts of waiting,
 * refused and clashing edits (the journal is one shared IndexedDB collection, so those agree).
 * Pure merge in {@link mergeStatus}; no BroadcastChannel (old browsers, Node) → the local status.
 */
export function sharedSyncStatus(src: StatusSource): Observable<SyncStatus> {
  if (typeof BroadcastChannel === 'undefined') return src.status$;
  return new Observable<SyncStatus>((subscriber) => {
    const channel = new BroadcastChannel(`printfloor-sync-status:${src.channelName}`);
    const leader = new BehaviorSubject<SyncStatus | null>(null);
    let mine: SyncStatus | null = null;
    channel.onmessage = (ev: MessageEvent<Message>) => {
      if (ev.data.type === 'hello' && mine && mine.state !== 'standby')
        channel.postMessage({ type: 'status', status: mine });
      if (ev.data.type === 'status' && ev.data.status) leader.next(ev.data.status);
    };
    const sub = combineLatest([src.status$, leader])
      .pipe(
        map(([local, remote]) => {
          mine = local;
          if (local.state !== 'standby')
            channel.postMessage({ type: 'status', status: local } satisfies Message);
          return mergeStatus(local, remote);
        }),
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      )
      .subscribe(subscriber);
    channel.postMessage({ type: 'hello' } satisfies Message);
    return () => {
      sub.unsubscribe();
      channel.close();
    };
  });
}

/** A standby tab shows the leader's connection state with its own (shared) journal counts. */
export function mergeStatus(local: SyncStatus, leader: SyncStatus | null): SyncStatus {
  if (local.state !== 'standby' || !leader || leader.state === 'standby') return local;
  return {
    ...leader,
    // When the leader's count lags a write just made here, the local (shared) journal count is truer.
    pending: local.pending,
    rejected: local.rejected,
    clashes: local.clashes,
    state: leader.state === 'synced' && local.pending > 0 ? 'syncing' : leader.state,
  };
}
