import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../data/sync-status.ts';
import { mergeStatus } from './shared-status.ts';

const base: SyncStatus = {
  state: 'synced',
  online: true,
  streamConnected: true,
  pending: 0,
  lastSyncedAt: 1000,
  lastFailure: null,
  rejected: 0,
  clashes: 0,
};

describe('mergeStatus (the indicator of a tab that does not replicate)', () => {
  it('keeps a leader tab’s own status', () => {
    const leader = { ...base, state: 'offline' as const, online: false };
    expect(mergeStatus(base, leader)).toBe(base);
  });

  it('shows the leader’s connection state with this tab’s journal counts', () => {
    const standby = {
      ...base,
      state: 'standby' as const,
      online: false,
      streamConnected: false,
      pending: 2,
      lastSyncedAt: null,
    };
    const leader = {
      ...base,
      state: 'offline' as const,
      online: false,
      streamConnected: false,
      lastSyncedAt: 5000,
    };
    expect(mergeStatus(standby, leader)).toEqual({ ...leader, pending: 2 });
    // Synced on the leader but an edit just made here is not pushed yet: say "syncing", not "synced".
    expect(mergeStatus(standby, { ...base, lastSyncedAt: 5000 }).state).toBe('syncing');
  });

  it('stays on standby until the leader has said anything', () => {
    const standby = { ...base, state: 'standby' as const };
    expect(mergeStatus(standby, null)).toBe(standby);
  });
});
