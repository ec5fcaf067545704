import { describe, expect, it } from 'vitest';
import { UndoStack } from './undo-stack.ts';

function stack() {
  const clock = { now: 0 };
  return { s: new UndoStack(10_000, () => clock.now), clock };
}

describe('UndoStack', () => {
  it('undoes inside the window, once', async () => {
    const { s } = stack();
    let undone = 0;
    const e = s.push('Started OP10', () => Promise.resolve(void undone++));
    expect(s.latest.get()?.label).toBe('Started OP10');
    expect(await s.undo(e.id)).toBe('undone');
    expect(await s.undo(e.id)).toBe('missing');
    expect(undone).toBe(1);
    expect(s.latest.get()).toBeNull();
  });

  it('refuses after 10 s and the bar disappears when pruned', async () => {
    const { s, clock } = stack();
    let undone = 0;
    const e = s.push('Paused', () => Promise.resolve(void undone++));
    clock.now = 10_000;
    expect(await s.undo(e.id)).toBe('expired');
    expect(undone).toBe(0);
    expect(s.latest.get()).toBeNull();
  });

  it('shows the newest open action; the previous one returns after the newest is undone', async () => {
    const { s, clock } = stack();
    const a = s.push('A', () => Promise.resolve());
    clock.now = 3_000;
    const b = s.push('B', () => Promise.resolve());
    expect(s.latest.get()?.id).toBe(b.id);
    await s.undo(b.id);
    expect(s.latest.get()?.id).toBe(a.id);
    clock.now = 10_001;
    s.prune();
    expect(s.latest.get()).toBeNull();
  });

  it('a failing undo leaves the entry gone and reports the error to the caller', async () => {
    const { s } = stack();
    const e = s.push('X', () => Promise.reject(new Error('disk full')));
    await expect(s.undo(e.id)).rejects.toThrow('disk full');
    expect(s.latest.get()).toBeNull();
  });
});
