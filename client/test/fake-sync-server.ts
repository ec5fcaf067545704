import {
  COLLECTIONS,
  docsEqual,
  isCollectionName,
  wireDocSchema,
  type CollectionDef,
  type CollectionName,
} from '@printfloor/shared';

type Doc = Record<string, unknown>;
interface Row {
  seq: number;
  doc: Doc;
}

/**
 * An in-memory stand-in for the sync API of DESIGN.md, behind a `fetch` function, for unit tests of
 * the client's replication without the real server. It follows the contract's visible rules (per-
 * tenant sequence, pull paging, conflicts as master states, SSE wake-ups with RESYNC on connect) and
 * validates pushed documents with the shared zod schemas like the real server.
 */
export class FakeSyncServer {
  readonly rows = new Map<CollectionName, Map<string, Row>>();
  private seq = 0;
  private streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  /** When set, every request fails like a dead network. */
  offline = false;
  token = 'device-token';
  pushRequests = 0;
  /** Every document state any push carried, in order (to prove what never left a tablet). */
  readonly pushed: { collection: CollectionName; doc: Doc }[] = [];

  readonly fetch = (input: string, init: RequestInit = {}): Promise<Response> => {
    if (this.offline) return Promise.reject(new TypeError('fetch failed'));
    return Promise.resolve(this.handle(input, init));
  };

  private handle(input: string, init: RequestInit): Response {
    const url = new URL(input);
    const auth = new Headers(init.headers).get('Authorization');
    if (auth !== `Bearer ${this.token}`)
      return json(401, { error: { code: 'UNAUTHORIZED', message: 'bad token' } });
    if (url.pathname === '/api/sync/stream') return this.openStream(init.signal ?? null);
    const m = /^\/api\/sync\/([^/]+)\/(pull|push)$/.exec(url.pathname);
    if (!m || !isCollectionName(m[1]!))
      return json(404, { error: { code: 'NOT_FOUND', message: url.pathname } });
    const name = m[1];
    if (m[2] === 'pull')
      return this.pull(
        name,
        Number(url.searchParams.get('seq') ?? 0),
        Number(url.searchParams.get('limit') ?? 500),
      );
    return this.push(
      name,
      JSON.parse(init.body as string) as { assumedMasterState: Doc | null; newDocumentState: Doc }[],
    );
  }

  docs(name: CollectionName): Doc[] {
    return [...(this.rows.get(name)?.values() ?? [])].map((r) => r.doc);
  }

  /** Drops every open stream (the server restarted, or the Wi-Fi blinked). */
  dropStreams(): void {
    for (const c of this.streams) c.error(new Error('connection reset'));
    this.streams.clear();
  }

  private table(name: CollectionName): Map<string, Row> {
    let t = this.rows.get(name);
    if (!t) this.rows.set(name, (t = new Map<string, Row>()));
    return t;
  }

  private pull(name: CollectionName, seq: number, limit: number): Response {
    const docs = [...this.table(name).values()]
      .filter((r) => r.seq > seq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
    const last = docs.at(-1)?.seq ?? seq;
    return json(200, { documents: docs.map((r) => ({ ...r.doc, _seq: r.seq })), checkpoint: { seq: last } });
  }

  private push(
    name: CollectionName,
    body: { assumedMasterState: Doc | null; newDocumentState: Doc }[],
  ): Response {
    this.pushRequests++;
    // The union of every collection's def is too wide for the generic; any one def will do here.
    const schema = wireDocSchema(COLLECTIONS[name] as CollectionDef);
    const bad = body.findIndex((r) => !schema.safeParse(r.newDocumentState).success);
    if (bad >= 0)
      return json(400, {
        error: { code: 'VALIDATION', message: `row ${bad} fails the schema`, details: { row: bad } },
      });
    const table = this.table(name);
    const conflicts: Doc[] = [];
    for (const { assumedMasterState, newDocumentState } of body) {
      this.pushed.push({ collection: name, doc: newDocumentState });
      const id = String(newDocumentState.id);
      const current = table.get(id)?.doc ?? null;
      if (current && docsEqual(current, newDocumentState)) continue; // replay: no-op, no conflict
      // Append-only records never change once stored, whatever the client assumed (real server rule).
      const frozen = current !== null && COLLECTIONS[name].kind === 'append-only';
      if (frozen || !docsEqual(current, assumedMasterState)) {
        if (current) conflicts.push(current);
        continue;
      }
      table.set(id, {
        seq: ++this.seq,
        doc: { ...newDocumentState, serverUpdatedAt: new Date().toISOString() },
      });
    }
    this.notify(name);
    return json(200, conflicts);
  }

  private notify(name: CollectionName): void {
    const msg = new TextEncoder().encode(
      `data: ${JSON.stringify({ collection: name, checkpoint: { seq: this.seq } })}\n\n`,
    );
    for (const c of this.streams) c.enqueue(msg);
  }

  private openStream(signal: AbortSignal | null): Response {
    let ctrl: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        ctrl = c;
        this.streams.add(c);
        c.enqueue(new TextEncoder().encode('data: RESYNC\n\n'));
      },
      cancel: () => void this.streams.delete(ctrl),
    });
    signal?.addEventListener('abort', () => {
      if (this.streams.delete(ctrl)) ctrl.error(new DOMException('aborted', 'AbortError'));
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
