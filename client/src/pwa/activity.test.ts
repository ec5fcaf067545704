import { describe, expect, it, vi } from 'vitest';
import { ActivityWatcher, BUSY_SELECTOR, isEditing } from './activity.ts';

/** Just enough of a Document for the watcher: listeners, visibility, focus, one selector. */
function fakeDocument() {
  const listeners = new Map<string, () => void>();
  const doc = {
    visibilityState: 'visible' as DocumentVisibilityState,
    activeElement: null as Element | null,
    busy: false,
    addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
    removeEventListener: (type: string) => listeners.delete(type),
    querySelector: (sel: string) => (sel === BUSY_SELECTOR && doc.busy ? ({} as Element) : null),
    fire: (type: string) => listeners.get(type)?.(),
    listeners,
  };
  return doc;
}

const el = (tagName: string, type?: string) => ({ tagName, type }) as unknown as Element;

describe('ActivityWatcher', () => {
  it('takes touches, keys and a wake-up of the screen as activity', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const doc = fakeDocument();
    const w = new ActivityWatcher(doc as unknown as Document);
    w.start();
    vi.advanceTimersByTime(60_000);
    expect(w.snapshot().now - w.snapshot().lastActivityAt).toBe(60_000);
    doc.fire('pointerdown');
    expect(w.snapshot().lastActivityAt).toBe(Date.now());
    vi.advanceTimersByTime(5_000);
    doc.fire('visibilitychange');
    expect(w.snapshot().lastActivityAt).toBe(Date.now());
    w.stop();
    expect(doc.listeners.size).toBe(0);
    vi.useRealTimers();
  });

  it('reports typing, open dialogs and holds', () => {
    const doc = fakeDocument();
    const w = new ActivityWatcher(doc as unknown as Document);
    doc.activeElement = el('INPUT', 'text');
    doc.busy = true;
    const release = w.hold();
    expect(w.snapshot()).toMatchObject({ editing: true, modalOpen: true, holds: 1, visible: true });
    release();
    release(); // idempotent
    expect(w.snapshot().holds).toBe(0);
  });

  it('tells a typing field from a button or a checkbox', () => {
    expect(isEditing(el('TEXTAREA'))).toBe(true);
    expect(isEditing(el('SELECT'))).toBe(true);
    expect(isEditing(el('INPUT', 'number'))).toBe(true);
    expect(isEditing(el('INPUT', 'checkbox'))).toBe(false);
    expect(isEditing(el('BUTTON'))).toBe(false);
    expect(isEditing(null)).toBe(false);
  });
});
