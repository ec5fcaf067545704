import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import { heartbeatBody, startHeartbeat, type HeartbeatBody } from './heartbeat.ts';
import type { SyncStatus } from './sync-status.ts';

const status = (pending: number, lastSyncedAt: number | null): SyncStatus => ({
  state: pending ? 'syncing' : 'synced',
  online: true,
  streamConnected: true,
  pending,
  lastSyncedAt,
  lastFailure: null,
  rejected: 0,
  clashes: 0,
});

describe('heartbeat', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 21, 8, 0) }));
  afterEach(() => vi.useRealTimers());

  it('reports the build, the edits waiting and the last sync', () => {
    expect(heartbeatBody(status(4, Date.UTC(2026, 10, 21, 7, 59)), 'b1')).toEqual({
      appVersion: 'b1',
      pendingEdits: 4,
      lastSyncAt: '2026-11-21T07:59:00.000Z',
    });
    expect(heartbeatBody(status(0, null), '')).toEqual({ appVersion: 'unknown', pendingEdits: 0, lastSyncAt: null });
  });

  it('sends soon after start, every interval, and when the edits waiting drain; nothing after stop', async () => {
    const sent: HeartbeatBody[] = [];
    const s$ = new BehaviorSubject(status(2, null));
    const stop = startHeartbeat({ status$: s$, appVersion: 'b1', send: (b) => (sent.push(b), Promise.resolve()), firstMs: 3_000, intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sent.map((b) => b.pendingEdits)).toEqual([2]);
    await vi.advanceTimersByTimeAsync(20_000);
    s$.next(status(0, Date.now()));
    expect(sent.map((b) => b.pendingEdits)).toEqual([2, 0]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(3); // now at 83 s: the 60 s tick came once
    stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(sent).toHaveLength(3);
  });

  it('keeps going when a report fails (offline)', async () => {
    let calls = 0;
    const s$ = new BehaviorSubject(status(1, null));
    const stop = startHeartbeat({ status$: s$, appVersion: 'b1', send: () => (calls++, Promise.reject(new Error('offline'))), firstMs: 1_000, intervalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(11_000);
    expect(calls).toBe(3);
    stop();
  });
});
