import { describe, expect, it } from 'vitest';
import { HEARTBEAT_WRITE_EVERY_MS, meaningfulChange, mustWrite, tabletReportSchema } from './tablet-status.ts';
import type { TabletReport, TabletStatus } from './tablet-status.ts';

const r = (over: Partial<TabletReport> = {}): TabletReport => ({
  appVersion: 'a',
  pendingEdits: 0,
  lastSyncAt: '2026-11-21T08:00:00.000Z',
  ...over,
});
const T = new Date('2026-11-21T08:00:00Z');
const after = (ms: number) => new Date(T.getTime() + ms);
const written = (over: Partial<TabletReport> = {}): TabletStatus => ({ ...r(over), reportedAt: T });

describe('heartbeat write bounding', () => {
  it('writes the first report an instance sees, then at most once per interval while nothing meaningful changes', () => {
    expect(mustWrite(undefined, r(), T, HEARTBEAT_WRITE_EVERY_MS)).toBe(true);
    const later = r({ lastSyncAt: '2026-11-21T08:04:00.000Z' });
    expect(mustWrite(written(), later, after(60_000), HEARTBEAT_WRITE_EVERY_MS)).toBe(false);
    expect(mustWrite(written(), later, after(HEARTBEAT_WRITE_EVERY_MS - 1), HEARTBEAT_WRITE_EVERY_MS)).toBe(false);
    expect(mustWrite(written(), later, after(HEARTBEAT_WRITE_EVERY_MS), HEARTBEAT_WRITE_EVERY_MS)).toBe(true);
  });

  it('writes at once on a new build, a first sync, edits starting or ceasing to wait, or a jump of 10 edits', () => {
    const base = r({ pendingEdits: 4 });
    expect(meaningfulChange(base, r({ pendingEdits: 4, lastSyncAt: '2026-11-21T08:09:00.000Z' }))).toBe(false);
    expect(meaningfulChange(base, r({ pendingEdits: 13 }))).toBe(false);
    expect(meaningfulChange(base, r({ pendingEdits: 14 }))).toBe(true);
    expect(meaningfulChange(base, r({ pendingEdits: 0 }))).toBe(true);
    expect(meaningfulChange(r(), r({ pendingEdits: 1 }))).toBe(true);
    expect(meaningfulChange(base, r({ pendingEdits: 4, appVersion: 'b' }))).toBe(true);
    expect(meaningfulChange(r({ lastSyncAt: null }), r())).toBe(true);
    expect(mustWrite(written(), r({ appVersion: 'b' }), after(1_000), HEARTBEAT_WRITE_EVERY_MS)).toBe(true);
  });

  it('takes only well-formed reports', () => {
    expect(tabletReportSchema.safeParse({ appVersion: 'x', pendingEdits: 0, lastSyncAt: '2026-11-21T08:00:00.000Z' }).success).toBe(true);
    expect(tabletReportSchema.safeParse({ appVersion: 'x', pendingEdits: 1.5, lastSyncAt: null }).success).toBe(false);
    expect(tabletReportSchema.safeParse({ appVersion: 'x', pendingEdits: 0, lastSyncAt: null, extra: 1 }).success).toBe(false);
  });
});
