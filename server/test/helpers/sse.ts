import type { StreamMessage } from '@printfloor/shared';

/**
 * Reads `GET /api/sync/stream` with fetch (as the tablet does) and hands out parsed messages.
 * `next(pred)` resolves with the first message (already received or still to come) matching `pred`.
 */
export class SseReader {
  readonly messages: StreamMessage[] = [];
  readonly #controller = new AbortController();
  #waiters: { pred: (m: StreamMessage) => boolean; resolve: (m: StreamMessage) => void }[] = [];
  #consumed = 0;
  #ended: Promise<void> = Promise.resolve();
  /** Resolves when the server ends the stream. */
  get ended(): Promise<void> {
    return this.#ended;
  }
  status = 0;

  static async open(baseUrl: string, token: string, via: 'header' | 'query' = 'header'): Promise<SseReader> {
    const r = new SseReader();
    const url =
      via === 'query'
        ? `${baseUrl}/api/sync/stream?token=${encodeURIComponent(token)}`
        : `${baseUrl}/api/sync/stream`;
    const res = await fetch(url, {
      headers: via === 'header' ? { authorization: `Bearer ${token}` } : {},
      signal: r.#controller.signal,
    });
    r.status = res.status;
    if (res.status === 200 && res.body) r.#ended = r.#read(res.body).catch(() => undefined); // aborted by close()
    return r;
  }

  /** Resolves with the next unconsumed message matching `pred` (messages before it are skipped). */
  next(pred: (m: StreamMessage) => boolean = () => true, timeoutMs = 20_000): Promise<StreamMessage> {
    for (let i = this.#consumed; i < this.messages.length; i++) {
      const m = this.messages[i]!;
      if (pred(m)) {
        this.#consumed = i + 1;
        return Promise.resolve(m);
      }
    }
    this.#consumed = this.messages.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching stream message within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  async close(): Promise<void> {
    this.#controller.abort();
    await this.#ended.catch(() => undefined);
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of body) {
      buf += decoder.decode(chunk, { stream: true });
      let idx: number;
      while ((idx = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (data) this.#deliver(data === 'RESYNC' ? 'RESYNC' : (JSON.parse(data) as StreamMessage));
      }
    }
  }

  #deliver(m: StreamMessage): void {
    this.messages.push(m);
    const w = this.#waiters.findIndex((x) => x.pred(m));
    if (w >= 0) {
      this.#consumed = this.messages.length;
      this.#waiters.splice(w, 1)[0]!.resolve(m);
    }
  }
}
