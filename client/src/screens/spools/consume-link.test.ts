import { describe, expect, it } from 'vitest';
import { consumeHash, latestRunningStep, parseConsumeHash } from './consume-link.ts';

describe('the spool screen consume link', () => {
  it('round-trips the work order and the step', () => {
    const hash = consumeHash('wo-1', '5b0c1d2e-aaaa-4bbb-8ccc-000000000001');
    expect(hash).toBe('#consume=wo-1/5b0c1d2e-aaaa-4bbb-8ccc-000000000001');
    expect(parseConsumeHash(hash)).toEqual({
      workOrderId: 'wo-1',
      operationId: '5b0c1d2e-aaaa-4bbb-8ccc-000000000001',
    });
    expect(parseConsumeHash(consumeHash('a/b', 'c d'))).toEqual({ workOrderId: 'a/b', operationId: 'c d' });
  });

  it('ignores other hashes and malformed ones', () => {
    for (const h of ['', '#', '#op-1', '#consume=', '#consume=wo', '#consume=/op', '#consume=wo/', '#consume=%E0%A4%A/x', '#consume=a/b/c'])
      expect(parseConsumeHash(h)).toBeNull();
  });

  it('sends a bench scan to the step started last, running before paused', () => {
    const step = (id: string, status: string, startedAt: string | null) => ({ id, state: { status, startedAt } });
    expect(latestRunningStep([])).toBeNull();
    const a = step('a', 'running', '2026-11-21T07:00:00.000Z');
    const b = step('b', 'running', '2026-11-21T09:30:00.000Z');
    const c = step('c', 'paused', '2026-11-21T09:40:00.000Z');
    expect(latestRunningStep([a, b, c])?.id).toBe('b');
    expect(latestRunningStep([c, b, a])?.id).toBe('b');
    expect(latestRunningStep([c])?.id).toBe('c');
  });
});
