import type { ActivitySnapshot } from './idle-policy.ts';

/**
 * Watches the operator's activity in this tab for the update policy: touches, keys and wheel turns
 * (a wake-up of the screen counts as activity too, so an update never lands on the first tap after
 * the tablet wakes), plus explicit holds taken by code that runs a multi-step action.
 */
export class ActivityWatcher {
  private lastActivityAt = Date.now();
  private holds = 0;
  private readonly stopFns: (() => void)[] = [];

  constructor(private readonly doc: Document = document) {}

  start(): void {
    const touch = () => (this.lastActivityAt = Date.now());
    const onVisibility = () => {
      if (this.doc.visibilityState === 'visible') touch();
    };
    const opts = { capture: true, passive: true } as const;
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const) {
      this.doc.addEventListener(type, touch, opts);
      this.stopFns.push(() => this.doc.removeEventListener(type, touch, opts));
    }
    this.doc.addEventListener('visibilitychange', onVisibility);
    this.stopFns.push(() => this.doc.removeEventListener('visibilitychange', onVisibility));
  }

  stop(): void {
    for (const f of this.stopFns.splice(0)) f();
  }

  /** Keeps updates away until the returned release function is called (idempotent). */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
    };
  }

  snapshot(): ActivitySnapshot {
    return {
      now: Date.now(),
      lastActivityAt: this.lastActivityAt,
      visible: this.doc.visibilityState === 'visible',
      editing: isEditing(this.doc.activeElement),
      modalOpen: this.doc.querySelector(BUSY_SELECTOR) !== null,
      holds: this.holds,
    };
  }
}

/**
 * What counts as "in the middle of something" on screen: an open dialog, or anything a screen marks
 * `data-busy` (a half-filled panel, a running scan). Screens opt in with the attribute; nothing else
 * about their markup is assumed.
 */
export const BUSY_SELECTOR =
  'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"], [data-busy]';

const TYPING_INPUTS = new Set([
  'text',
  'search',
  'number',
  'email',
  'tel',
  'url',
  'password',
  'date',
  'datetime-local',
  'time',
]);

/** A field that holds what the operator is typing (buttons and checkboxes do not count). */
export function isEditing(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TYPING_INPUTS.has(((el as HTMLInputElement).type || 'text').toLowerCase());
  return (el as HTMLElement).isContentEditable === true;
}
