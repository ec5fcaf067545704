/**
 * In-memory token buckets keyed by a string (IP, IP+email…): `capacity` attempts at once, then one
 * more every `refillMs`. Per process: enough to make online guessing slow on a shop server (several
 * instances each get their own budget, which still bounds the rate). The clock is injectable for tests.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly refillMs: number,
    readonly now: () => number = Date.now,
    /** Bound memory under a flood of distinct keys. */
    readonly maxKeys = 10_000,
  ) {}

  /** Takes one token for `key`. Returns 0 when allowed, else the milliseconds until the next token. */
  take(key: string): number {
    const now = this.now();
    const b = this.#refill(key, now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(this.refillMs * (1 - b.tokens));
  }

  /** Forget a key (a successful sign-in clears its failures). */
  reset(key: string): void {
    this.#buckets.delete(key);
  }

  #refill(key: string, now: number): { tokens: number; at: number } {
    let b = this.#buckets.get(key);
    if (!b) {
      if (this.#buckets.size >= this.maxKeys) this.#evictFull(now);
      b = { tokens: this.capacity, at: now };
      this.#buckets.set(key, b);
      return b;
    }
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.at) / this.refillMs);
    b.at = now;
    return b;
  }

  /** Drops buckets that have refilled (they carry no state); if none, the oldest one. */
  #evictFull(now: number): void {
    for (const [k, b] of this.#buckets) {
      if (b.tokens + (now - b.at) / this.refillMs >= this.capacity) this.#buckets.delete(k);
    }
    if (this.#buckets.size >= this.maxKeys) {
      const first = this.#buckets.keys().next().value;
      if (first !== undefined) this.#buckets.delete(first);
    }
  }
}
