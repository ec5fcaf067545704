/**
 * One server report kept fresh for a manager page (issue 6: heavy aggregates as SQL on the server,
 * light ones from the live local data). Framework-free so its timing rules are unit-tested with
 * fake timers; `use-server-report.ts` binds it to React and to the local change streams.
 *
 * The contract:
 * - `setRequest(key, url)` asks for the report of new parameters: the first at once, later ones
 *   after `paramDelayMs` (typing in a number field is one request, not one per keystroke). A
 *   request of older parameters still running is aborted.
 * - `poke()` says the data behind the report changed (a tablet's scrap or consume arrived): one
 *   refetch `debounceMs` after the last poke, but no later than `maxWaitMs` after the first, so a
 *   busy floor that writes every second still gets fresh figures.
 * - At most one request is in flight: a poke during a request refetches once after it ends.
 * - Any failure (no network, a timeout, an HTTP error, an answer of the wrong shape) switches to
 *   `fallback`: the page computes on the device. It retries by itself, backing off from
 *   `retryMs` to `maxRetryMs`, and at once on the next poke or when the browser is back online.
 * - Figures never blink: a refetch keeps the previous answer on screen until the next one lands.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type FeedStatus = 'loading' | 'server' | 'fallback';

export interface FeedState<T> {
  /** `loading` until the first answer or failure; then where the figures come from. */
  status: FeedStatus;
  /** The last server answer (kept through refetches and parameter changes); null before one. */
  data: T | null;
  /** Parameters `data` belongs to: differs from the requested key while newer ones load. */
  dataKey: string | null;
  /** When `data` arrived (ms). */
  updatedAt: number | null;
  /** Why the figures are local, in a few words ("server unreachable", "HTTP 500"). */
  reason: string | null;
  /** A request is running. */
  busy: boolean;
  /** Requests sent so far (for tests and the page's debug attribute). */
  requests: number;
}

export interface ReportFeedOptions<T> {
  fetch?: FetchLike;
  /** Turns the JSON answer into the report; throws when it has the wrong shape. */
  parse: (json: unknown) => T;
  debounceMs?: number;
  maxWaitMs?: number;
  paramDelayMs?: number;
  timeoutMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
}

type Timer = ReturnType<typeof setTimeout>;

export class ReportFeed<T> {
  private state: FeedState<T> = {
    status: 'loading',
    data: null,
    dataKey: null,
    updatedAt: null,
    reason: null,
    busy: false,
    requests: 0,
  };
  private readonly listeners = new Set<() => void>();
  private readonly opts: Required<Omit<ReportFeedOptions<T>, 'fetch'>> & { fetch: FetchLike };
  private key: string | null = null;
  private url: (() => string) | null = null;
  private inFlight: { key: string; abort: AbortController } | null = null;
  /** A change arrived while a request ran: fetch again when it ends. */
  private again = false;
  private timer: Timer | null = null;
  /** What the pending timer is for: a poke never postpones a parameter change. */
  private timerKind: 'param' | 'poke' | 'retry' = 'param';
  private firstPokeAt: number | null = null;
  private retryDelay: number;
  private stopped = false;

  constructor(opts: ReportFeedOptions<T>) {
    this.opts = {
      fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      parse: opts.parse,
      debounceMs: opts.debounceMs ?? 2_000,
      maxWaitMs: opts.maxWaitMs ?? 6_000,
      paramDelayMs: opts.paramDelayMs ?? 250,
      timeoutMs: opts.timeoutMs ?? 10_000,
      retryMs: opts.retryMs ?? 15_000,
      maxRetryMs: opts.maxRetryMs ?? 120_000,
      now: opts.now ?? (() => Date.now()),
    };
    this.retryDelay = this.opts.retryMs;
  }

  getState = (): FeedState<T> => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** New parameters (`key` identifies them; `url` is built when the request is sent). */
  setRequest(key: string, url: () => string): void {
    const first = this.key === null || this.stopped;
    this.stopped = false;
    const changed = key !== this.key;
    this.key = key;
    this.url = url;
    if (!changed && (this.inFlight || this.timer)) return;
    if (this.inFlight && this.inFlight.key !== key) {
      this.inFlight.abort.abort();
      this.inFlight = null;
      this.patch({ busy: false });
    }
    this.firstPokeAt = null;
    this.schedule(first ? 0 : this.opts.paramDelayMs, 'param');
  }

  /** The data behind the report changed: refetch, debounced. */
  poke(): void {
    if (this.stopped || this.key === null) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (this.timer && this.timerKind === 'param') return;
    const now = this.opts.now();
    this.firstPokeAt ??= now;
    const latest = this.firstPokeAt + this.opts.maxWaitMs;
    this.schedule(Math.max(0, Math.min(now + this.opts.debounceMs, latest) - now), 'poke');
  }

  /** Try the server now (the browser is back online, or a manager asked). */
  retryNow(): void {
    if (this.stopped || this.key === null || this.inFlight) return;
    this.schedule(0, 'param');
  }

  /** Stops timers and aborts the running request; `setRequest` starts it again. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.inFlight?.abort.abort();
    this.inFlight = null;
    this.again = false;
    this.firstPokeAt = null;
    if (this.state.busy) this.patch({ busy: false });
  }

  private schedule(delay: number, kind: 'param' | 'poke' | 'retry'): void {
    this.clearTimer();
    this.timerKind = kind;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.firstPokeAt = null;
      void this.run();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (this.stopped || this.key === null || !this.url) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const key = this.key;
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(new Error('timeout')), this.opts.timeoutMs);
    this.inFlight = { key, abort };
    this.again = false;
    this.patch({ busy: true, requests: this.state.requests + 1 });
    let outcome: { data: T } | { reason: string };
    try {
      const res = await this.opts.fetch(this.url(), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        signal: abort.signal,
      });
      if (res.status === 401) outcome = { reason: 'session ended: sign in again' };
      else if (!res.ok) outcome = { reason: `server error (HTTP ${res.status})` };
      else {
        const json: unknown = await res.json().catch(() => undefined);
        try {
          outcome = { data: this.opts.parse(json) };
        } catch {
          outcome = { reason: 'unexpected server answer' };
        }
      }
    } catch {
      const timedOut = abort.signal.reason instanceof Error && abort.signal.reason.message === 'timeout';
      outcome = { reason: timedOut ? 'server too slow' : 'server unreachable' };
    } finally {
      clearTimeout(timeout);
    }
    // Superseded (new parameters, or stopped): its answer belongs to nobody.
    if (this.inFlight?.abort !== abort) return;
    this.inFlight = null;
    if ('data' in outcome) {
      this.retryDelay = this.opts.retryMs;
      this.patch({
        status: 'server',
        data: outcome.data,
        dataKey: key,
        updatedAt: this.opts.now(),
        reason: null,
        busy: false,
      });
      if (this.again) this.poke();
    } else {
      this.patch({ status: 'fallback', reason: outcome.reason, busy: false });
      const delay = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryMs);
      if (this.again) {
        this.again = false;
        this.poke();
      } else this.schedule(delay, 'retry');
    }
  }

  private patch(p: Partial<FeedState<T>>): void {
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }
}
