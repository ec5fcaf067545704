/** One server-sent event: its `event:` name (default `message`) and its joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML, "Server-sent events"):
 * chunks may split lines anywhere; `data:` lines of one event are joined with `\n`; a blank line
 * dispatches; comment lines (`:` keep-alives) and `id:`/`retry:` fields are ignored here.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';

  feed(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const sepLen = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      // A lone trailing '\r' may be the first half of '\r\n' split across chunks: wait for more.
      if (sepLen === 1 && this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + sepLen);
      const ev = this.line(line);
      if (ev) out.push(ev);
    }
    return out;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const ev = { event: this.event || 'message', data: this.data.join('\n') };
      this.data = [];
      this.event = '';
      return ev;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    return null;
  }
}

/**
 * Aborts `abort` when nothing has arrived for `ms`: a half-open connection (a tablet that roamed
 * to another access point, a proxy that lost it) never errors by itself. `arm` restarts the wait.
 */
export function idleAbort(abort: AbortController, ms: number): { arm(): void; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    arm() {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), ms);
    },
    clear() {
      clearTimeout(timer);
    },
  };
}

/**
 * Reads an event-stream body to its end, handing each chunk's events (possibly none: a keep-alive
 * comment) to `onChunk` and re-arming `idle` on every chunk. Resolves when the server ends the
 * stream; rejects when the connection fails or is aborted.
 */
export async function readEventStream(
  body: NonNullable<Response['body']>,
  idle: { arm(): void },
  onChunk: (events: SseEvent[]) => void,
): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    idle.arm();
    onChunk(parser.feed(value));
  }
}
