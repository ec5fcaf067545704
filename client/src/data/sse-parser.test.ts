import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idleAbort, readEventStream, SseParser } from './sse-parser.ts';

describe('SseParser', () => {
  it('parses data lines, names and comments', () => {
    const p = new SseParser();
    const evs = p.feed(': keep-alive\n\ndata: RESYNC\n\nevent: change\ndata: {"a":1}\n\n');
    expect(evs).toEqual([
      { event: 'message', data: 'RESYNC' },
      { event: 'change', data: '{"a":1}' },
    ]);
  });

  it('joins multi-line data and accepts CRLF', () => {
    const p = new SseParser();
    expect(p.feed('data: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('gives the same events however the stream is chunked', () => {
    const stream = 'data: RESYNC\r\n\r\ndata: {"collection":"spools","checkpoint":{"seq":7}}\n\n: ping\n\ndata: x\ndata:y\r\n\r\n';
    const whole = new SseParser().feed(stream);
    expect(whole).toHaveLength(3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const p = new SseParser();
        const got = [];
        let prev = 0;
        for (const c of [...points, stream.length]) {
          got.push(...p.feed(stream.slice(prev, c)));
          prev = c;
        }
        expect(got).toEqual(whole);
      }),
    );
  });
});

describe('readEventStream', () => {
  const body = (chunks: string[]) =>
    new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(c) {
        for (const ch of chunks) c.enqueue(new TextEncoder().encode(ch));
        c.close();
      },
    });

  it('hands each chunk its events, re-arms the idle timer per chunk (keep-alives too), ends with the body', async () => {
    let arms = 0;
    const got: string[][] = [];
    await readEventStream(body(['data: a\n', '\n: ping\n\n', 'event: x\ndata: b\n\n']), { arm: () => arms++ }, (evs) =>
      got.push(evs.map((e) => `${e.event}:${e.data}`)),
    );
    expect(got).toEqual([[], ['message:a'], ['x:b']]);
    expect(arms).toBe(3);
  });

  it('aborts an idle connection', async () => {
    const abort = new AbortController();
    const idle = idleAbort(abort, 20);
    idle.arm();
    await new Promise((r) => setTimeout(r, 60));
    expect(abort.signal.aborted).toBe(true);
    const quiet = new AbortController();
    const kept = idleAbort(quiet, 20);
    kept.arm();
    kept.clear();
    await new Promise((r) => setTimeout(r, 60));
    expect(quiet.signal.aborted).toBe(false);
  });
});
