import { describe, expect, it } from 'vitest';
import { TabletStatusStore, tabletReportSchema } from './tablet-status.ts';

const r = (v: string) => ({ appVersion: v, pendingEdits: 1, lastSyncAt: null });

describe('TabletStatusStore', () => {
  it('keeps the latest report per tenant and device, and no more devices than its bound', () => {
    const s = new TabletStatusStore(2);
    const at = new Date('2026-11-21T08:00:00Z');
    s.report('t1', 'd1', r('a'), at);
    s.report('t2', 'd1', r('b'), at);
    expect(s.get('t1', 'd1')?.appVersion).toBe('a');
    expect(s.get('t2', 'd1')?.appVersion).toBe('b');
    s.report('t1', 'd1', r('a2'), at); // refreshed: now the newest
    s.report('t1', 'd3', r('c'), at); // over the bound: the oldest (t2/d1) goes
    expect(s.get('t2', 'd1')).toBeUndefined();
    expect(s.get('t1', 'd1')).toMatchObject({ appVersion: 'a2', reportedAt: at });
    expect(s.get('t1', 'd3')?.appVersion).toBe('c');
  });

  it('takes only well-formed reports', () => {
    expect(tabletReportSchema.safeParse({ appVersion: 'x', pendingEdits: 0, lastSyncAt: '2026-11-21T08:00:00.000Z' }).success).toBe(true);
    expect(tabletReportSchema.safeParse({ appVersion: 'x', pendingEdits: 1.5, lastSyncAt: null }).success).toBe(false);
    expect(tabletReportSchema.safeParse({ appVersion: 'x', pendingEdits: 0, lastSyncAt: null, extra: 1 }).success).toBe(false);
  });
});
