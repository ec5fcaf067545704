import type { FailureKind } from './sync-errors.ts';

export interface SyncFailure {
  kind: FailureKind;
  collection: string;
  message: string;
  code: string;
  at: number;
}

/** What the sync indicator shows (DESIGN.md: online / syncing / N edits waiting / last synced at). */
export interface SyncStatus {
  /**
   * - `offline`: no network, or the server cannot be reached;
   * - `blocked`: the server answers but refuses this device (revoked token, unknown endpoint) — someone must act;
   * - `syncing`: connected and moving data;
   * - `synced`: connected, nothing waiting;
   * - `standby`: another tab of this app on this device does the syncing.
   */
  state: 'offline' | 'blocked' | 'syncing' | 'synced' | 'standby';
  online: boolean;
  streamConnected: boolean;
  /** Local edits the server has not acknowledged yet. */
  pending: number;
  /** Epoch ms of the last successful exchange with the server. */
  lastSyncedAt: number | null;
  /** The latest failure, kept until the next success. */
  lastFailure: SyncFailure | null;
  /** Rows the server refused as invalid and the user has not dismissed. */
  rejected: number;
  /** Field clashes resolved by the merge that the user has not dismissed. */
  clashes: number;
}

export interface StatusInputs {
  leader: boolean;
  browserOnline: boolean;
  streamConnected: boolean;
  /** Whether the last HTTP request got an answer from the server. */
  reachable: boolean;
  active: boolean;
  pending: number;
  lastSyncedAt: number | null;
  lastFailure: SyncFailure | null;
  rejected: number;
  clashes: number;
}

/** Pure: the indicator's state from its inputs. */
export function deriveStatus(i: StatusInputs): SyncStatus {
  const online = i.browserOnline && (i.streamConnected || i.reachable);
  let state: SyncStatus['state'];
  if (!i.leader) state = 'standby';
  else if (!online) state = 'offline';
  else if (i.lastFailure?.kind === 'blocked') state = 'blocked';
  else if (i.active || i.pending > 0) state = 'syncing';
  // Without the change stream the tablet cannot vouch that it is up to date (the server may have
  // just stopped, and the next request will tell): never say "synced" then — stale must not look live.
  else if (!i.streamConnected) state = 'syncing';
  else state = 'synced';
  return {
    state,
    online,
    streamConnected: i.streamConnected,
    pending: i.pending,
    lastSyncedAt: i.lastSyncedAt,
    lastFailure: i.lastFailure,
    rejected: i.rejected,
    clashes: i.clashes,
  };
}
