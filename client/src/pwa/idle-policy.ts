/**
 * When may a waiting update be applied without the operator asking? Only when nobody is in the
 * middle of something: the screen is on and this tab is the one shown, nothing is being typed, no
 * dialog is open, no screen has said it is busy, and nobody has touched the tablet for a while.
 * Pure, so the rule is tested on its own (idle-policy.test.ts).
 */
export interface ActivitySnapshot {
  /** Epoch ms now, and of the last touch, key press or wake-up of the screen. */
  now: number;
  lastActivityAt: number;
  /** This tab is the one on screen (document.visibilityState === 'visible'). */
  visible: boolean;
  /** A text field, select or editable element has the focus (something is being typed). */
  editing: boolean;
  /** A dialog, a modal, or an element marked `data-busy` is on screen. */
  modalOpen: boolean;
  /** Explicit holds taken by code (see {@link holdUpdates}). */
  holds: number;
}

/** Two minutes without a touch: long enough that a step in progress is not interrupted. */
export const DEFAULT_IDLE_MS = 120_000;

export function isIdle(s: ActivitySnapshot, idleMs = DEFAULT_IDLE_MS): boolean {
  // A hidden tab never applies on its own: another tab of the app may be the one in use, and
  // applying reloads every tab (the new worker claims them all).
  if (!s.visible) return false;
  if (s.editing || s.modalOpen || s.holds > 0) return false;
  return s.now - s.lastActivityAt >= idleMs;
}

/** What a tap on "Update ready" may do: refuse only while text is being typed, so it is not lost. */
export function blockedReason(s: Pick<ActivitySnapshot, 'editing' | 'holds'>): string | null {
  if (s.holds > 0) return 'Finishing the current action first…';
  return null;
}
