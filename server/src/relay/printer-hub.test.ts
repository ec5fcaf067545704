import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { printerStatusSchema, unknownStatus } from '@printfloor/shared';
import { silentLogger } from '../logger.ts';
import { PrinterHub, type HubOptions } from './printer-hub.ts';
import type { PrinterConfig, RelayUpdate } from './relay.types.ts';
import { MemoryStatusStore, type StatusStore } from './status-store.ts';

const T = '00000000-0000-4000-8000-000000000001';
const native: PrinterConfig = { tenantId: T, code: 'PR-N1', protocol: 'printfloor', printerId: 'p1' };
const octo: PrinterConfig = { tenantId: T, code: 'PR-O1', protocol: 'octoprint' };
const enc = (o: unknown) => Buffer.from(JSON.stringify(o));
const nativeMsg = (o: Record<string, unknown>) => enc({ state: 'printing', ...o });

function makeHub(over: Partial<HubOptions> = {}) {
  const store = new MemoryStatusStore();
  const requested: string[] = [];
  const hub = new PrinterHub({
    logger: silentLogger,
    store,
    offlineAfterMs: 10_000,
    minIntervalMs: 250,
    persistEveryMs: 30_000,
    onEmit: () => undefined,
    onRequestFull: (cfg) => requested.push(cfg.code),
    ...over,
  });
  hub.setPrinters([native, octo]);
  const updates: RelayUpdate[] = [];
  hub.subscribe((u) => updates.push(u));
  return { hub, store, updates, requested };
}

describe('PrinterHub', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2025-06-14T06:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst: the first update goes at once, then at most one per interval, ending on the latest', async () => {
    const { hub, updates } = makeHub();
    for (let i = 0; i < 50; i++) {
      hub.ingest('PR-N1', 'status', nativeMsg({ progress: i }), 't');
      await vi.advanceTimersByTimeAsync(10); // 50 messages in 500 ms
    }
    await vi.advanceTimersByTimeAsync(1000);
    const progress = updates.map((u) => u.status.progress);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(49);
    expect(updates.length).toBeLessThanOrEqual(4); // ≤ 4/s over ~0.75 s
    await hub.close();
  });

  it('a state change is never held back by the coalescing window', async () => {
    const { hub, updates } = makeHub();
    hub.ingest('PR-N1', 'status', nativeMsg({ progress: 1 }), 't');
    hub.ingest('PR-N1', 'status', nativeMsg({ progress: 2 }), 't');
    hub.ingest('PR-N1', 'status', nativeMsg({ state: 'paused', progress: 2 }), 't');
    expect(updates.map((u) => u.status.state)).toEqual(['printing', 'paused']);
    await hub.close();
  });

  it('identical statuses are not re-sent, except as a slow heartbeat', async () => {
    const { hub, updates } = makeHub();
    for (let i = 0; i < 10; i++) {
      hub.ingest('PR-N1', 'status', nativeMsg({ progress: 5 }), 't');
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(updates).toHaveLength(1);
    for (let i = 0; i < 10; i++) {
      hub.ingest('PR-N1', 'status', nativeMsg({ progress: 5 }), 't');
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(updates).toHaveLength(2);
    await hub.close();
  });

  it('marks a silent printer offline after the timeout, and back when it speaks', async () => {
    const { hub, updates, store } = makeHub();
    hub.ingest('PR-N1', 'status', nativeMsg({ jobName: 'gear' }), 't');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(hub.snapshot().find((u) => u.status.code === 'PR-N1')?.status.state).toBe('printing');
    await vi.advanceTimersByTimeAsync(3_000);
    const off = hub.snapshot().find((u) => u.status.code === 'PR-N1')!.status;
    expect(off).toMatchObject({ state: 'offline', jobName: 'gear' });
    expect(off.stateDetail).toMatch(/no message for 1[01] s/);
    hub.ingest('PR-N1', 'status', nativeMsg({ jobName: 'gear' }), 't');
    await hub.close();
    expect(updates.map((u) => u.status.state)).toEqual(['printing', 'offline', 'printing']);
    expect(store.events.map((e) => e.kind)).toEqual(['online', 'offline', 'online']);
  });

  it('sources with a last will are not timed out by silence', async () => {
    const { hub } = makeHub();
    hub.ingest('PR-O1', 'mqtt', Buffer.from('connected'), 't');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hub.snapshot().find((u) => u.status.code === 'PR-O1')?.status.state).toBe('idle');
    await hub.close();
  });

  it('records state changes in order, linked to the running step, then calls the hook', async () => {
    const seen: string[] = [];
    const { hub, store } = makeHub({
      // A slow lookup must not reorder the events.
      linkStep: async (c) => {
        await new Promise((r) => setTimeout(r, c.kind === 'started' ? 500 : 1));
        return `op-${c.kind}`;
      },
      onStateChange: (c) => void seen.push(`${c.kind}:${c.operationId}`),
    });
    for (const state of ['idle', 'preparing', 'printing', 'paused', 'printing', 'finished']) {
      hub.ingest('PR-N1', 'status', nativeMsg({ state }), 't');
    }
    await vi.advanceTimersByTimeAsync(1000);
    await hub.close();
    expect(store.events.map((e) => [e.kind, e.from, e.to, e.operationId, e.printerId])).toEqual([
      ['online', 'offline', 'idle', 'op-online', 'p1'],
      ['preparing', 'idle', 'preparing', 'op-preparing', 'p1'],
      ['started', 'preparing', 'printing', 'op-started', 'p1'],
      ['paused', 'printing', 'paused', 'op-paused', 'p1'],
      ['resumed', 'paused', 'printing', 'op-resumed', 'p1'],
      ['finished', 'printing', 'finished', 'op-finished', 'p1'],
    ]);
    expect(seen).toEqual(store.events.map((e) => `${e.kind}:${e.operationId}`));
  });

  it('persists on every state change and otherwise at most once per period, in one batch', async () => {
    const { hub, store } = makeHub({ persistEveryMs: 5_000 });
    hub.ingest('PR-N1', 'status', nativeMsg({ progress: 0 }), 't'); // offline → printing: saved now
    await vi.advanceTimersByTimeAsync(0);
    expect(store.saveCalls).toBe(1);
    for (let i = 1; i <= 40; i++) {
      hub.ingest('PR-N1', 'status', nativeMsg({ progress: i }), 't');
      await vi.advanceTimersByTimeAsync(500);
    }
    // 20 s of updates → 4 periodic flushes, each holding the latest progress.
    expect(store.saveCalls).toBe(5);
    expect(store.snapshots.get(`${T}/PR-N1`)?.status.progress).toBe(40);
    await hub.close();
  });

  it('many printers going offline at once is one batched write', async () => {
    const { hub, store } = makeHub();
    const many = Array.from({ length: 20 }, (_, i) => ({ ...native, code: `PR-M${i}` }));
    hub.setPrinters(many);
    for (const p of many) hub.ingest(p.code, 'status', nativeMsg({}), 't');
    await vi.advanceTimersByTimeAsync(0);
    const before = store.saveCalls;
    hub.markOffline(
      many.map((p) => p.code),
      'relay lost the MQTT broker',
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(store.saveCalls).toBe(before + 1);
    expect([...store.snapshots.values()].filter((r) => r.status.state === 'offline')).toHaveLength(20);
    await hub.close();
  });

  it('a failing store and a throwing listener do not stop the updates', async () => {
    const failing: StatusStore = {
      saveSnapshot: () => Promise.reject(new Error('db down')),
      recordEvent: () => Promise.reject(new Error('db down')),
      loadSnapshots: () => Promise.resolve([]),
    };
    const { hub, updates } = makeHub({ store: failing, persistEveryMs: 1000 });
    hub.subscribe(() => {
      throw new Error('bad listener');
    });
    hub.ingest('PR-N1', 'status', nativeMsg({ progress: 1 }), 't');
    await vi.advanceTimersByTimeAsync(3000);
    hub.ingest('PR-N1', 'status', nativeMsg({ state: 'finished' }), 't');
    await vi.advanceTimersByTimeAsync(3000);
    expect(updates.map((u) => u.status.state)).toEqual(['printing', 'finished']);
    expect(hub.metrics.persistErrors).toBeGreaterThan(2);
    await hub.close();
  });

  it('counts every message in exactly one outcome', async () => {
    const { hub } = makeHub();
    hub.ingest('PR-N1', 'status', nativeMsg({}), 't');
    hub.ingest('PR-N1', 'status', Buffer.from('not json'), 't');
    hub.ingest('PR-O1', 'progress/slicing', enc({ progress: 3 }), 't');
    hub.ingest('PR-NOPE', 'status', nativeMsg({}), 't');
    expect(hub.metrics).toMatchObject({ received: 4, applied: 1, rejected: 1, ignored: 1, unrouted: 1 });
    expect(hub.metrics.lastRejected).toMatchObject({ topic: 't', reason: 'not JSON' });
    await hub.close();
  });

  it('restored statuses show as offline and do not invent a "print started"', async () => {
    const store = new MemoryStatusStore();
    const { hub } = makeHub({ store });
    hub.restore([
      {
        tenantId: T,
        status: { ...unknownStatus('PR-N1', 'printfloor'), state: 'printing', jobName: 'bracket' },
      },
    ]);
    hub.setPrinters([{ ...native, code: 'PR-N2' }]); // drop …
    hub.setPrinters([native]); // … and re-add, so the runtime is created from the restored row
    const restored = hub.snapshot()[0]!.status;
    expect(printerStatusSchema.parse(restored)).toMatchObject({ state: 'offline', jobName: 'bracket' });
    hub.ingest('PR-N1', 'status', nativeMsg({ jobName: 'bracket' }), 't');
    await hub.close();
    expect(store.events.map((e) => e.kind)).toEqual(['online']);
  });
});
