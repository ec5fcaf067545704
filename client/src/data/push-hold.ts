/**
 * Keeps freshly written append-only records out of the push while their undo window is open.
 *
 * Why (issue 3: every action can be undone for 10 s): a step event or spool movement is
 * append-only — once the server holds it, nobody may change it, so a tombstone pushed later would
 * be a conflict and the event would come back. The two ways out were (a) delay the local write by
 * 10 s, which loses the action if the tablet dies, the app is killed or the battery runs out in
 * that window, or (b) write at once and keep it from leaving the tablet until the window closes.
 * We do (b): the record is in IndexedDB (and counted as "waiting") the moment the operator taps;
 * an undo tombstones it locally; the push handler waits for the window and then sends each held
 * record's CURRENT state — the live record, or its tombstone, which the server stores as a deleted
 * row so every tablet learns the event was withdrawn. Holds live in memory only: after a reload
 * the undo button is gone too, and the records push at once.
 */
export interface HeldRecord {
  collection: string;
  id: string;
}

export class PushHold {
  private readonly until = new Map<string, number>();
  private readonly undoing = new Map<string, Promise<unknown>>();
  private captureDepth = 0;
  private captureMs = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private static key(collection: string, id: string): string {
    return `${collection}\u0000${id}`;
  }

  /** Keeps `id` from being pushed for `ms` from now. */
  hold(collection: string, id: string, ms: number): void {
    this.until.set(PushHold.key(collection, id), this.now() + ms);
  }

  /**
   * Holds every record appended while `action` runs, from the moment it is written: the push
   * starts as soon as a record lands in the database, so holding it afterwards would be too late.
   */
  async capture<T>(ms: number, action: () => Promise<T>): Promise<T> {
    this.captureDepth++;
    this.captureMs = Math.max(this.captureMs, ms);
    try {
      return await action();
    } finally {
      if (--this.captureDepth === 0) this.captureMs = 0;
    }
  }

  /** The writer calls this just before it appends a record (see `capture`). */
  noteAppend(collection: string, id: string): void {
    if (this.captureDepth > 0) this.hold(collection, id, this.captureMs);
  }

  /** Lets `id` go at once (its undo window was closed early). */
  release(collection: string, id: string): void {
    this.until.delete(PushHold.key(collection, id));
  }

  /** Runs an undo while the pushes of these records wait for it, whatever their window says. */
  async guard<T>(records: readonly HeldRecord[], undo: () => Promise<T>): Promise<T> {
    const p = undo();
    const keys = records.map((r) => PushHold.key(r.collection, r.id));
    for (const k of keys) this.undoing.set(k, p);
    try {
      return await p;
    } finally {
      for (const k of keys) this.undoing.delete(k);
    }
  }

  /** Milliseconds until every one of `ids` may be pushed (0: now). Forgets expired holds. */
  remaining(collection: string, ids: readonly string[]): number {
    const now = this.now();
    let max = 0;
    for (const id of ids) {
      const k = PushHold.key(collection, id);
      const t = this.until.get(k);
      if (t === undefined) continue;
      if (t <= now) this.until.delete(k);
      else max = Math.max(max, t - now);
    }
    return max;
  }

  /** Whether any of `ids` is held or being undone right now. */
  isHeld(collection: string, ids: readonly string[]): boolean {
    return this.remaining(collection, ids) > 0 || ids.some((id) => this.undoing.has(PushHold.key(collection, id)));
  }

  /**
   * Resolves once none of `ids` is held or being undone; true when it had to wait (the caller then
   * re-reads the records' current state). Rejects when `signal` aborts (the sync is stopping).
   */
  async wait(collection: string, ids: readonly string[], signal?: AbortSignal, sleep = defaultSleep): Promise<boolean> {
    let waited = false;
    for (;;) {
      signal?.throwIfAborted();
      const pendingUndo = ids.map((id) => this.undoing.get(PushHold.key(collection, id))).find((p) => p !== undefined);
      if (pendingUndo) {
        waited = true;
        await pendingUndo.catch(() => undefined);
        continue;
      }
      const ms = this.remaining(collection, ids);
      if (ms <= 0) return waited;
      waited = true;
      await sleep(Math.min(ms, 1000), signal);
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });
}
