import { describe, expect, it } from 'vitest';
import { MemoryKeyValue } from './key-value.ts';
import { StationStore } from './station.ts';

describe('StationStore', () => {
  it('binds, survives a reload, and clears', () => {
    const kv = new MemoryKeyValue();
    const a = new StationStore(kv, 'acme');
    expect(a.get()).toBeNull();
    a.bind('printer', 'pr-1', new Date('2026-01-01T00:00:00Z'));
    expect(new StationStore(kv, 'acme').get()).toEqual({
      kind: 'printer',
      id: 'pr-1',
      boundAt: '2026-01-01T00:00:00.000Z',
    });
    expect(new StationStore(kv, 'other').get()).toBeNull();
    a.clear();
    expect(new StationStore(kv, 'acme').get()).toBeNull();
  });

  it('ignores a malformed stored binding and refuses an empty id', () => {
    const kv = new MemoryKeyValue();
    kv.set('printfloor.station.v1.acme', '{"kind":"bench","id":"x"}');
    expect(new StationStore(kv, 'acme').get()).toBeNull();
    expect(() => new StationStore(kv, 'acme').bind('work_center', '')).toThrow();
  });

  it('publishes changes to subscribers (the top bar re-renders)', () => {
    const s = new StationStore(new MemoryKeyValue(), 'acme');
    let calls = 0;
    s.state.subscribe(() => calls++);
    s.bind('work_center', 'wc-post');
    expect(calls).toBe(1);
    expect(s.state.get()?.kind).toBe('work_center');
  });
});
