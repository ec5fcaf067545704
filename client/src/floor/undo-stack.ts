import { Observed } from './key-value.ts';

/**
 * The last actions an operator can take back (issue 3: every action can be undone for 10 s).
 * The newest open entry is what the undo bar shows; older ones surface again when a newer one is
 * undone or expires. Pure bookkeeping: what an undo writes is the entry's own `undo`.
 */

export const UNDO_WINDOW_MS = 10_000;

export interface UndoEntry {
  id: number;
  /** What the bar says: "Started OP10 Print". */
  label: string;
  at: number;
  expiresAt: number;
  undo: () => Promise<void>;
}

export type UndoOutcome = 'undone' | 'expired' | 'missing';

export class UndoStack {
  private entries: UndoEntry[] = [];
  private seq = 0;
  private running = new Set<number>();
  /** The newest open entry (null when none), for `useSyncExternalStore`. */
  readonly latest: Observed<UndoEntry | null> = new Observed<UndoEntry | null>(null);

  constructor(
    readonly windowMs = UNDO_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  push(label: string, undo: () => Promise<void>): UndoEntry {
    const at = this.now();
    const entry: UndoEntry = { id: ++this.seq, label, at, expiresAt: at + this.windowMs, undo };
    this.entries.push(entry);
    this.publish();
    return entry;
  }

  /** Drops expired entries; call on a timer so the bar disappears on time. */
  prune(): void {
    const now = this.now();
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.expiresAt > now || this.running.has(e.id));
    if (this.entries.length !== before) this.publish();
  }

  /** Undoes one entry if it is still inside its window. */
  async undo(id: number): Promise<UndoOutcome> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry || this.running.has(id)) return 'missing';
    if (entry.expiresAt <= this.now()) {
      this.prune();
      return 'expired';
    }
    this.running.add(id);
    try {
      await entry.undo();
    } finally {
      this.running.delete(id);
      this.entries = this.entries.filter((e) => e !== entry);
      this.publish();
    }
    return 'undone';
  }

  private publish(): void {
    const now = this.now();
    const open = this.entries.filter((e) => e.expiresAt > now && !this.running.has(e.id));
    const top = open[open.length - 1] ?? null;
    if (top !== this.latest.get()) this.latest.set(top);
  }
}
