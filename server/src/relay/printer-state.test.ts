import { describe, expect, it } from 'vitest';
import { eventKind } from './printer-state.ts';

describe('eventKind', () => {
  it('names the changes operators care about', () => {
    expect(eventKind('preparing', 'printing', 'preparing')).toBe('started');
    expect(eventKind('finished', 'printing', 'finished')).toBe('started');
    expect(eventKind('printing', 'paused', 'printing')).toBe('paused');
    expect(eventKind('paused', 'printing', 'paused')).toBe('resumed');
    expect(eventKind('printing', 'finished', 'printing')).toBe('finished');
    expect(eventKind('printing', 'failed', 'printing')).toBe('failed');
    expect(eventKind('printing', 'error', 'printing')).toBe('error');
    expect(eventKind('printing', 'offline', 'printing')).toBe('offline');
    expect(eventKind('idle', 'idle', 'idle')).toBeNull();
  });

  it('looks through offline gaps', () => {
    expect(eventKind('offline', 'printing', 'printing')).toBe('online');
    expect(eventKind('offline', 'finished', 'printing')).toBe('finished');
    expect(eventKind('offline', 'printing', 'paused')).toBe('resumed');
    // Never known before (relay just started): no invented "print started".
    expect(eventKind('offline', 'printing', null)).toBe('online');
  });
});
