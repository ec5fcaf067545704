/**
 * Keyboard-wedge scanner detection (issue 4, "Hardware scanners"). USB and Bluetooth barcode
 * scanners present themselves as keyboards: they "type" the code much faster than a person can
 * (a few ms per key) and press Enter. `WedgeDetector` is the pure timing logic, fed key events with
 * timestamps; `installWedge` binds it to a window with a capture-phase keydown listener so a scan is
 * recognised anywhere in the app, and is never left typed into whatever text field had the focus.
 *
 * Contract of a burst: at least `minLength` printable characters and a terminator key (Enter), the
 * median gap between keys at most `maxGapMs`, and no gap longer than `breakGapMs`. The median, not
 * every gap, because scanners (Bluetooth ones especially) and a busy browser now and then deliver a
 * key late: measured with Chromium under a test driver, ~3 % of gaps at 5 ms typing exceed 35 ms.
 * A person never keeps half the gaps of a word under 35 ms (that is over 300 words a minute).
 * A late key is tolerated inside a burst that is fast so far, and among the first three keys of a
 * burst that began after a pause (as a scan does); otherwise a slow gap starts a new burst, so a
 * person's typing just before a scan does not become part of the scanned code.
 *
 * What reaches a focused field: until a burst is certain we cannot tell a scanner from a person, so
 * the first `swallowAfter` characters are let through; from then on, while the burst is fast, they
 * are held back (default prevented). On Enter the characters that got through are removed again and the field is restored
 * to what it held before. If a held-back burst ends without Enter (a very fast person, or a scanner
 * set up without a suffix) or turns slow, the held characters are released: typed into the field
 * after all, so nothing a person typed is ever lost.
 */

export interface WedgeOptions {
  /** Shortest code recognised as a scan. Default 4. */
  minLength: number;
  /** Longest median gap between the keys of a burst, ms. Default 35. */
  maxGapMs: number;
  /** A gap longer than this ends a burst (terminator included), ms. Default 250. */
  breakGapMs: number;
  /** Characters let through to a focused field before the rest of a fast burst is held back. Default 3. */
  swallowAfter: number;
  /** Keys that end a scan. Default `['Enter']` (some scanners are set to send Tab). */
  terminators: readonly string[];
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  minLength: 4,
  maxGapMs: 35,
  breakGapMs: 250,
  swallowAfter: 3,
  terminators: ['Enter'],
};

/** One keydown as the detector sees it. */
export interface WedgeKey {
  /** `KeyboardEvent.key`. */
  key: string;
  /** Milliseconds, monotonic (`event.timeStamp` or `performance.now()`). */
  time: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. (Shift is fine: scanners use it for capitals.) */
  modifier?: boolean;
  /** Auto-repeat of a held key: a person, never a scanner. */
  repeat?: boolean;
}

export type WedgeStep =
  /** Let the key do what it normally does. `fresh`: this character starts a new candidate burst. */
  | { action: 'pass'; fresh: boolean; release: string }
  /** Part of a burst that is fast enough to be a scanner: keep it out of the focused field. */
  | { action: 'swallow'; release: string }
  /**
   * A complete scan, ended by this terminator key: prevent the key, and undo the `passedThrough`
   * characters that reached the focused field before the burst was certain.
   */
  | { action: 'scan'; code: string; passedThrough: number; release: string };

/** Keys that only modify others; scanners press Shift for capitals, so these never break a burst. */
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);

export class WedgeDetector {
  private readonly opts: WedgeOptions;
  private chars: string[] = [];
  private gaps: number[] = [];
  private lastTime = 0;
  /** Time of the last key of any kind but modifiers, burst or not. */
  private lastKeyTime = Number.NEGATIVE_INFINITY;
  /** Whether the current burst's first key came after a pause (as a scan's does). */
  private startedIdle = false;
  private passed = 0;
  private held = '';

  constructor(options: Partial<WedgeOptions> = {}) {
    this.opts = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  }

  /** Feeds one keydown; says what to do with it. `release` is text held back earlier that must now be typed after all. */
  key(ev: WedgeKey): WedgeStep {
    if (MODIFIER_KEYS.has(ev.key)) return { action: 'pass', fresh: false, release: '' };
    const sinceLastKey = ev.time - this.lastKeyTime;
    this.lastKeyTime = ev.time;
    if (this.opts.terminators.includes(ev.key)) return this.terminate(ev);
    const printable = ev.key.length === 1 || isSingleCodePoint(ev.key);
    if (!printable || ev.modifier === true || ev.repeat === true) {
      return { action: 'pass', fresh: false, release: this.reset() };
    }
    let release = '';
    if (this.chars.length > 0 && this.startsNewBurst(ev.time - this.lastTime)) release = this.reset();
    const fresh = this.chars.length === 0;
    if (fresh) this.startedIdle = sinceLastKey > this.opts.breakGapMs;
    else this.gaps.push(ev.time - this.lastTime);
    this.chars.push(ev.key);
    this.lastTime = ev.time;
    if (this.chars.length > this.opts.swallowAfter && this.isFast(this.gaps)) {
      this.held += ev.key;
      return { action: 'swallow', release };
    }
    // Not (or no longer) scanner-fast: whatever was held goes to the field before this key.
    release += this.held;
    this.passed += this.held.length + 1;
    this.held = '';
    return { action: 'pass', fresh, release };
  }

  /**
   * Call when no key has come for a while (a timer after each key): a burst left hanging is over.
   * Returns the held-back text to type into the field after all ('' when none).
   */
  tick(now: number): string {
    if (this.chars.length === 0 || now - this.lastTime <= this.opts.breakGapMs) return '';
    return this.reset();
  }

  /** Whether a candidate burst is in progress (for scheduling `tick`). */
  get pending(): boolean {
    return this.chars.length > 0;
  }

  /** How long after the last key `tick` can settle a hanging burst. */
  get settleMs(): number {
    return this.opts.breakGapMs + 1;
  }

  /** Whether a key `gap` ms after the burst's last one starts a burst of its own (see the file comment). */
  private startsNewBurst(gap: number): boolean {
    if (gap > this.opts.breakGapMs) return true;
    if (gap <= this.opts.maxGapMs) return false;
    // The first keys of a scan are the likeliest to come late (the page was busy when the scan began).
    if (this.startedIdle && this.gaps.length < 2) return false;
    return !this.isFast(this.gaps);
  }

  private isFast(gaps: readonly number[]): boolean {
    return gaps.length > 0 && median(gaps) <= this.opts.maxGapMs;
  }

  private terminate(ev: WedgeKey): WedgeStep {
    const endGap = ev.time - this.lastTime;
    const isScan =
      this.chars.length >= this.opts.minLength &&
      ev.modifier !== true &&
      endGap <= this.opts.breakGapMs &&
      this.isFast([...this.gaps, endGap]);
    if (!isScan) return { action: 'pass', fresh: false, release: this.reset() };
    const code = this.chars.join('');
    const passedThrough = this.passed;
    this.reset();
    return { action: 'scan', code, passedThrough, release: '' };
  }

  /** Forgets the burst; returns what was held back so the caller can release it. */
  private reset(): string {
    const held = this.held;
    this.chars = [];
    this.gaps = [];
    this.passed = 0;
    this.held = '';
    return held;
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** `key` is one character even when outside the BMP (e.g. an emoji is two UTF-16 units). */
function isSingleCodePoint(key: string): boolean {
  return key.length === 2 && [...key].length === 1;
}
