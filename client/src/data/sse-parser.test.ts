import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SseParser } from './sse-parser.ts';

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
