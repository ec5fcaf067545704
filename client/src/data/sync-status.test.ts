import { describe, expect, it } from 'vitest';
import { deriveStatus, type StatusInputs } from './sync-status.ts';

const base: StatusInputs = {
  leader: true,
  browserOnline: true,
  streamConnected: true,
  reachable: true,
  active: false,
  pending: 0,
  lastSyncedAt: 1,
  lastFailure: null,
  rejected: 0,
  clashes: 0,
};

describe('deriveStatus', () => {
  it('is synced only with the change stream connected and nothing waiting', () => {
    expect(deriveStatus(base).state).toBe('synced');
    expect(deriveStatus({ ...base, pending: 3 }).state).toBe('syncing');
  });

  it('never says synced while the change stream is down (the server may just have stopped)', () => {
    expect(deriveStatus({ ...base, streamConnected: false }).state).toBe('syncing');
    expect(deriveStatus({ ...base, streamConnected: false, reachable: false }).state).toBe('offline');
  });

  it('is offline when the browser is, whatever the last request said', () => {
    expect(deriveStatus({ ...base, browserOnline: false }).state).toBe('offline');
  });

  it('leaves syncing to the leader tab', () => {
    expect(deriveStatus({ ...base, leader: false }).state).toBe('standby');
  });
});
