import { describe, expect, it } from 'vitest';
import { MemoryKeyValue } from './key-value.ts';
import { LOCKOUT_MS, MAX_FAILURES, PinStore, isValidPin } from './pin.ts';

function store() {
  let now = 1_000_000;
  const kv = new MemoryKeyValue();
  const pins = new PinStore(kv, 'acme', () => now, 50);
  return { kv, pins, advance: (ms: number) => (now += ms) };
}

describe('isValidPin', () => {
  it('accepts 4 to 6 digits only', () => {
    expect(['1234', '123456', '0000'].every(isValidPin)).toBe(true);
    expect(['123', '1234567', '12a4', ' 1234', ''].some(isValidPin)).toBe(false);
  });
});

describe('PinStore', () => {
  it('verifies the right PIN and refuses a wrong one, keeping no PIN in storage', async () => {
    const { kv, pins } = store();
    await pins.set('p1', '4711', 'p1');
    expect(pins.has('p1')).toBe(true);
    expect(await pins.verify('p1', '4711')).toEqual({ ok: true });
    expect(await pins.verify('p1', '4712')).toMatchObject({
      ok: false,
      reason: 'wrong',
      attemptsLeft: MAX_FAILURES - 1,
    });
    expect([...kv.map.values()].join('')).not.toContain('4711');
  });

  it('salts per person: the same PIN gives different verifiers', async () => {
    const { kv, pins } = store();
    await pins.set('p1', '1234', 'p1');
    await pins.set('p2', '1234', 'p2');
    const recs = JSON.parse(kv.get('printfloor.pins.v1.acme')!) as Record<string, { hash: string }>;
    expect(recs.p1!.hash).not.toBe(recs.p2!.hash);
  });

  it('locks after five wrong PINs, even for the right one, until the lockout is served', async () => {
    const { pins, advance } = store();
    await pins.set('p1', '4711', 'p1');
    for (let i = 1; i < MAX_FAILURES; i++) expect((await pins.verify('p1', '0000')).ok).toBe(false);
    expect(await pins.verify('p1', '0000')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await pins.verify('p1', '4711')).toMatchObject({ ok: false, reason: 'locked' });
    advance(LOCKOUT_MS + 1);
    expect(await pins.verify('p1', '4711')).toEqual({ ok: true });
  });

  it('a right PIN resets the failure count; another person is not affected', async () => {
    const { pins } = store();
    await pins.set('p1', '4711', 'p1');
    await pins.set('p2', '8888', 'p2');
    for (let i = 0; i < MAX_FAILURES - 1; i++) await pins.verify('p1', '0000');
    expect(await pins.verify('p2', '8888')).toEqual({ ok: true });
    expect(await pins.verify('p1', '4711')).toEqual({ ok: true });
    expect(await pins.verify('p1', '0000')).toMatchObject({ attemptsLeft: MAX_FAILURES - 1 });
  });

  it('says when a person has no PIN on this tablet, and refuses to store a malformed one', async () => {
    const { pins } = store();
    expect(await pins.verify('nobody', '1234')).toMatchObject({ ok: false, reason: 'no-pin' });
    await expect(pins.set('p1', '12', 'p1')).rejects.toThrow();
  });
});
