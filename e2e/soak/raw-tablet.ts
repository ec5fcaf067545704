import { createHash } from 'node:crypto';
import { clientOwned } from '@printfloor/shared';
import { SseParser } from '../../client/src/data/sse-parser.ts';

export type Doc = Record<string, unknown> & { id: string };
export const SOAK_COLLECTIONS = [
  'work_orders',
  'operations',
  'spools',
  'step_events',
  'spool_movements',
] as const;
export type SoakCollection = (typeof SOAK_COLLECTIONS)[number];
/** Append-only collections: the bulk of the floor's records, never edited after they are written. */
const APPEND_ONLY: ReadonlySet<SoakCollection> = new Set(['step_events', 'spool_movements']);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** A 48-bit digest of a document's client-owned fields (key order and server stamps aside). */
export function docDigest(d: Record<string, unknown>): number {
  return createHash('sha1')
    .update(canonical(clientOwned(d)))
    .digest()
    .readUIntBE(0, 6);
}

export interface RawTabletOptions {
  name: string;
  baseUrl: string;
  token: string;
  /** Fewest milliseconds between two pulls of one collection (bulk tablets pull lazily). */
  pullGapMs: number;
  /** Called the first time a document id arrives through a pull. */
  onSeen?: (collection: SoakCollection, id: string) => void;
  /** Where to note the time each record was first sent (shared by the floor, for propagation latency). */
  firstSentAt?: Map<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The app's ApiClient gives up on a request after 30 s too. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A tablet speaking the sync protocol by hand (fetch push/pull + SSE), for the bulk of the floor:
 * far cheaper than an RxDB client, and strict about the contract — every edit waits in a dirty set
 * until a push of exactly that version is acknowledged; a conflict answer makes the server's state
 * the tablet's ("server wins": these tablets stand in for load, the RxDB tablets test the merge).
 */
export class RawTablet {
  /**
   * Documents as the tablet holds them. For append-only collections only the ones still waiting to be
   * pushed: a record the server holds is kept as its digest in `sealed` (200 tablets × 30 k records
   * as full objects is gigabytes of harness heap, and its GC pauses would be measured as latency).
   */
  readonly local = new Map<SoakCollection, Map<string, Doc>>(SOAK_COLLECTIONS.map((c) => [c, new Map()]));
  private readonly sealed = new Map<SoakCollection, Map<string, number>>(
    SOAK_COLLECTIONS.map((c) => [c, new Map()]),
  );
  private readonly master = new Map<SoakCollection, Map<string, Doc>>(
    SOAK_COLLECTIONS.map((c) => [c, new Map()]),
  );
  private readonly dirty = new Map<SoakCollection, Set<string>>(SOAK_COLLECTIONS.map((c) => [c, new Set()]));
  private readonly seq = new Map<SoakCollection, number>(SOAK_COLLECTIONS.map((c) => [c, 0]));
  private readonly wanted = new Set<SoakCollection>();
  private readonly lastPull = new Map<SoakCollection, number>();
  private offlineNow = false;
  private stopped = false;
  private readonly inFlight = new Set<AbortController>();
  private pushing = false;
  private pulling = false;
  /** Time each record was first sent to the server (for propagation latency). */
  readonly firstSentAt: Map<string, number>;
  conflicts = 0;
  errors = 0;
  /** Requests that got no answer (headers) within REQUEST_TIMEOUT_MS. */
  timeouts = 0;

  constructor(private readonly o: RawTabletOptions) {
    this.firstSentAt = o.firstSentAt ?? new Map<string, number>();
  }

  get offline(): boolean {
    return this.offlineNow;
  }

  /** The Wi-Fi drops (every request in flight fails) or comes back. */
  setOffline(offline: boolean): void {
    this.offlineNow = offline;
    if (offline) for (const c of this.inFlight) c.abort();
    else for (const c of SOAK_COLLECTIONS) this.wanted.add(c);
  }

  pending(): number {
    let n = 0;
    for (const s of this.dirty.values()) n += s.size;
    return n;
  }

  /** A local write: the document is the tablet's at once and waits to be pushed. */
  write(collection: SoakCollection, doc: Doc): void {
    this.local.get(collection)!.set(doc.id, doc);
    this.dirty.get(collection)!.add(doc.id);
  }

  /** A document the server holds, now the tablet's too (append-only ones kept as a digest). */
  private hold(c: SoakCollection, d: Doc): void {
    if (APPEND_ONLY.has(c)) {
      this.local.get(c)!.delete(d.id);
      this.sealed.get(c)!.set(d.id, docDigest(d));
    } else {
      this.master.get(c)!.set(d.id, d);
      this.local.get(c)!.set(d.id, d);
    }
  }

  /** A mutable document as the tablet holds it (append-only records are not kept whole). */
  get(collection: SoakCollection, id: string): Doc | undefined {
    return this.local.get(collection)!.get(id);
  }

  private async call(
    path: string,
    init: RequestInit = {},
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<Response> {
    if (this.offlineNow) throw new TypeError('offline');
    const ctrl = new AbortController();
    this.inFlight.add(ctrl);
    // Like the app's ApiClient: a request nobody answers must not stall this tablet forever.
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            this.timeouts++;
            ctrl.abort(new Error(`${path}: no answer in ${timeoutMs} ms`));
          }, timeoutMs)
        : undefined;
    try {
      return await fetch(`${this.o.baseUrl}${path}`, {
        ...init,
        signal: ctrl.signal,
        headers: {
          Authorization: `Bearer ${this.o.token}`,
          'Content-Type': 'application/json',
          ...init.headers,
        },
      });
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(ctrl);
    }
  }

  /** Pushes every dirty document of every collection; false if anything is still waiting. */
  async pushAll(): Promise<boolean> {
    if (this.pushing || this.offlineNow) return false;
    this.pushing = true;
    try {
      for (const c of SOAK_COLLECTIONS) await this.push(c);
    } catch {
      this.errors++;
    } finally {
      this.pushing = false;
    }
    return this.pending() === 0;
  }

  private async push(c: SoakCollection): Promise<void> {
    const ids = [...this.dirty.get(c)!].slice(0, 200);
    if (ids.length === 0) return;
    const sent = ids.map((id) => this.local.get(c)!.get(id)!);
    const rows = sent.map((d) => ({
      assumedMasterState: APPEND_ONLY.has(c) ? null : (this.master.get(c)!.get(d.id) ?? null),
      newDocumentState: { ...d, serverUpdatedAt: null, _deleted: false },
    }));
    const now = Date.now();
    if (c === 'step_events' || c === 'spool_movements')
      for (const id of ids) if (!this.firstSentAt.has(id)) this.firstSentAt.set(id, now);
    const res = await this.call(`/api/sync/${c}/push`, { method: 'POST', body: JSON.stringify(rows) });
    if (!res.ok) throw new Error(`push ${c}: HTTP ${res.status}`);
    const conflicts = (await res.json()) as Doc[];
    const clash = new Map(conflicts.map((d) => [d.id, d]));
    for (const d of sent) {
      const server = clash.get(d.id);
      if (server) {
        this.conflicts++;
        this.dirty.get(c)!.delete(d.id);
        this.hold(c, server);
      } else if (APPEND_ONLY.has(c)) {
        this.dirty.get(c)!.delete(d.id);
        this.hold(c, d);
      } else {
        this.master.get(c)!.set(d.id, d);
        // Edited again while the push was in flight: that newer version still waits.
        if (this.local.get(c)!.get(d.id) === d) this.dirty.get(c)!.delete(d.id);
      }
    }
  }

  /** Pulls one collection from its checkpoint to the end. */
  async pull(c: SoakCollection): Promise<void> {
    for (;;) {
      const res = await this.call(`/api/sync/${c}/pull?seq=${this.seq.get(c)}&limit=500`);
      if (!res.ok) throw new Error(`pull ${c}: HTTP ${res.status}`);
      const body = (await res.json()) as { documents: Doc[]; checkpoint: { seq: number } };
      for (const d of body.documents) {
        const isNew = !this.master.get(c)!.has(d.id) && !this.sealed.get(c)!.has(d.id);
        if (!this.dirty.get(c)!.has(d.id)) this.hold(c, d);
        else if (!APPEND_ONLY.has(c)) this.master.get(c)!.set(d.id, d);
        if (isNew) this.o.onSeen?.(c, d.id);
      }
      this.seq.set(c, body.checkpoint.seq);
      this.lastPull.set(c, Date.now());
      if (body.documents.length < 500) return;
    }
  }

  /** Pulls every collection a stream message asked for, at most once per `pullGapMs` each. */
  private async pullWanted(): Promise<void> {
    if (this.pulling || this.offlineNow) return;
    this.pulling = true;
    try {
      for (const c of [...this.wanted]) {
        if (Date.now() - (this.lastPull.get(c) ?? 0) < this.o.pullGapMs) continue;
        this.wanted.delete(c);
        await this.pull(c);
      }
    } catch {
      this.errors++;
    } finally {
      this.pulling = false;
    }
  }

  /** Runs the tablet's sync loops (stream, pushes, pulls) until `stop()`. */
  run(): Promise<void> {
    for (const c of SOAK_COLLECTIONS) this.wanted.add(c);
    const loop = async () => {
      while (!this.stopped) {
        await this.pushAll();
        await this.pullWanted();
        await sleep(100 + Math.random() * 100);
      }
    };
    return Promise.all([loop(), this.streamLoop()]).then(() => undefined);
  }

  private async streamLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        const res = await this.call('/api/sync/stream', { headers: { Accept: 'text/event-stream' } }, 0);
        if (!res.ok || !res.body) throw new Error(`stream: HTTP ${res.status}`);
        const parser = new SseParser();
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          for (const ev of parser.feed(decoder.decode(chunk, { stream: true }))) this.onStream(ev.data);
          if (this.stopped) break;
        }
      } catch {
        // Offline, server gone or proxy cut: reconnect; the server says RESYNC on every connect.
      }
      if (!this.stopped) await sleep(300 + Math.random() * 700);
    }
  }

  private onStream(data: string): void {
    if (data === 'RESYNC') {
      for (const c of SOAK_COLLECTIONS) this.wanted.add(c);
      return;
    }
    try {
      const m = JSON.parse(data) as { collection: SoakCollection };
      if ((SOAK_COLLECTIONS as readonly string[]).includes(m.collection)) this.wanted.add(m.collection);
    } catch {
      // not a change message
    }
  }

  /** Online, everything pushed, every collection pulled to the end: what the verdict compares. */
  async settle(timeoutMs: number): Promise<void> {
    this.setOffline(false);
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      while ((this.pushing || this.pulling) && Date.now() < until) await sleep(20);
      if (this.pushing || this.pulling) break;
      this.pushing = this.pulling = true;
      try {
        for (const c of SOAK_COLLECTIONS) await this.push(c);
        for (const c of SOAK_COLLECTIONS) await this.pull(c);
        if (this.pending() === 0) return;
      } catch {
        this.errors++;
        await sleep(200);
      } finally {
        this.pushing = this.pulling = false;
      }
    }
    throw new Error(`${this.o.name}: ${this.pending()} edits still waiting after ${timeoutMs} ms`);
  }

  stop(): void {
    this.stopped = true;
    for (const c of this.inFlight) c.abort();
  }

  /** What the tablet holds of one collection: a digest of each document's client-owned fields, by id. */
  digests(c: SoakCollection): Map<string, number> {
    const out = new Map(this.sealed.get(c));
    for (const d of this.local.get(c)!.values()) out.set(d.id, docDigest(d));
    return out;
  }
}
