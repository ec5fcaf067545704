import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ReportFeed, type FetchLike } from './report-feed.ts';

/**
 * The manager pages' server-report feed: debounce, one request in flight, parameter changes,
 * fallback and retry. fetch is the only thing mocked (the network boundary); time is fake.
 */

const parse = (j: unknown) => z.object({ n: z.number() }).parse(j);

interface Call {
  url: string;
  signal: AbortSignal;
  resolve: (r: Response) => void;
  reject: (e: unknown) => void;
}

/** A fetch whose answers the test hands out one by one. */
function manualFetch() {
  const calls: Call[] = [];
  const fetch = vi.fn<FetchLike>(
    (url, init) =>
      new Promise<Response>((resolve, reject) => {
        const signal = init!.signal!;
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        calls.push({ url, signal, resolve, reject });
      }),
  );
  return { fetch, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Lets the feed's promise chain run after an answer. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function feedWith(fetch: FetchLike, extra: Partial<ConstructorParameters<typeof ReportFeed>[0]> = {}) {
  return new ReportFeed({
    fetch,
    parse,
    debounceMs: 2_000,
    maxWaitMs: 6_000,
    paramDelayMs: 250,
    timeoutMs: 10_000,
    retryMs: 15_000,
    maxRetryMs: 60_000,
    ...extra,
  });
}

/** A feed on a manual fetch that has sent its first request for `/r` (still unanswered). */
async function askedFeed() {
  const { fetch, calls } = manualFetch();
  const feed = feedWith(fetch);
  feed.setRequest('k', () => '/r');
  await settle();
  return { fetch, calls, feed };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ReportFeed', () => {
  it('asks at once, builds the URL when it sends, and shows the answer', async () => {
    const { fetch, calls } = manualFetch();
    const feed = feedWith(fetch);
    let n = 0;
    feed.setRequest('7d', () => `/r?call=${++n}`);
    expect(feed.getState().status).toBe('loading');
    await settle();
    expect(calls.map((c) => c.url)).toEqual(['/r?call=1']);
    expect(feed.getState().busy).toBe(true);
    calls[0]!.resolve(json({ n: 42 }));
    await settle();
    expect(feed.getState()).toMatchObject({
      status: 'server',
      data: { n: 42 },
      dataKey: '7d',
      busy: false,
      requests: 1,
    });
  });

  it('debounces a burst of changes into one request, and a steady stream into one per maxWait', async () => {
    const { calls, feed } = await askedFeed();
    calls[0]!.resolve(json({ n: 1 }));
    await settle();

    // A burst: ten changes in a second → one request, 2 s after the last.
    for (let i = 0; i < 10; i++) {
      feed.poke();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_850);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(json({ n: 2 }));
    await settle();

    // A tablet writing every second for 20 s: never more than one request per 6 s, but not starved.
    for (let i = 0; i < 20; i++) {
      feed.poke();
      await vi.advanceTimersByTimeAsync(1_000);
      const last = calls[calls.length - 1]!;
      if (!last.signal.aborted) last.resolve(json({ n: 3 + i }));
      await settle();
    }
    const fetched = calls.length - 2;
    expect(fetched).toBeGreaterThanOrEqual(3);
    expect(fetched).toBeLessThanOrEqual(4);
  });

  it('keeps one request in flight: a change during it refetches once after it ends', async () => {
    const { fetch, calls, feed } = await askedFeed();
    for (let i = 0; i < 5; i++) {
      feed.poke();
      await vi.advanceTimersByTimeAsync(1_900);
    }
    // 9.5 s of changes while the first request hangs (it times out at 10 s): nothing else sent.
    expect(calls).toHaveLength(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('times out a hung request into the fallback, then retries', async () => {
    const { calls, feed } = await askedFeed();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(feed.getState()).toMatchObject({ status: 'fallback', reason: 'server too slow', busy: false });
    expect(calls[0]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(calls).toHaveLength(2);
  });

  it('refetches once after a request when changes arrived while it ran', async () => {
    const { calls, feed } = await askedFeed();
    feed.poke();
    feed.poke();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(json({ n: 1 }));
    await settle();
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(json({ n: 2 }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    expect(feed.getState().data).toEqual({ n: 2 });
  });

  it('keeps the previous figures on screen while a refetch runs', async () => {
    const { calls, feed } = await askedFeed();
    calls[0]!.resolve(json({ n: 1 }));
    await settle();
    feed.poke();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(feed.getState()).toMatchObject({ status: 'server', data: { n: 1 }, busy: true });
  });

  it('falls back when the server is unreachable, retries with backoff, and returns to the server', async () => {
    let up = false;
    const fetch = vi.fn<FetchLike>(() =>
      up ? Promise.resolve(json({ n: 7 })) : Promise.reject(new TypeError('Failed to fetch')),
    );
    const feed = feedWith(fetch);
    const seen: string[] = [];
    feed.subscribe(() => seen.push(feed.getState().status));
    feed.setRequest('k', () => '/r');
    await settle();
    expect(feed.getState()).toMatchObject({ status: 'fallback', reason: 'server unreachable', data: null });
    // Retries after 15 s, then 30 s, then 60 s (capped).
    await vi.advanceTimersByTimeAsync(15_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetch).toHaveBeenCalledTimes(3);
    up = true;
    // A tablet's write (or the browser coming online) tries sooner than the backoff.
    feed.poke();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(feed.getState()).toMatchObject({ status: 'server', data: { n: 7 }, reason: null });
    expect(seen).toContain('fallback');
  });

  it('falls back on an HTTP error, an answer of the wrong shape or an ended session', async () => {
    const answers = [
      json({ error: { code: 'boom' } }, 500),
      json({ n: 'not a number' }),
      new Response('<html>'),
      json({ error: { code: 'unauthenticated' } }, 401),
    ];
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(answers.shift()!));
    const feed = feedWith(fetch, { retryMs: 1_000 });
    feed.setRequest('k', () => '/r');
    await settle();
    expect(feed.getState()).toMatchObject({ status: 'fallback', reason: 'server error (HTTP 500)' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(feed.getState()).toMatchObject({ status: 'fallback', reason: 'unexpected server answer' });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(feed.getState()).toMatchObject({ status: 'fallback', reason: 'unexpected server answer' });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(feed.getState()).toMatchObject({ status: 'fallback', reason: 'session ended: sign in again' });
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('new parameters abort the old request, coalesce while typing, and never show the old answer as new', async () => {
    const { fetch, calls } = manualFetch();
    const feed = feedWith(fetch);
    feed.setRequest('7d', () => '/r?d=7');
    await settle();
    calls[0]!.resolve(json({ n: 7 }));
    await settle();
    feed.setRequest('30d', () => '/r?d=30');
    await vi.advanceTimersByTimeAsync(250);
    expect(calls[1]!.url).toBe('/r?d=30');
    // Typing 9, 90 while the 30-day request runs: it is aborted, one request for 90.
    feed.setRequest('9d', () => '/r?d=9');
    expect(calls[1]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    feed.setRequest('90d', () => '/r?d=90');
    await vi.advanceTimersByTimeAsync(250);
    expect(calls.map((c) => c.url)).toEqual(['/r?d=7', '/r?d=30', '/r?d=90']);
    // The old figures stay, marked as belonging to the old parameters.
    expect(feed.getState()).toMatchObject({ status: 'server', data: { n: 7 }, dataKey: '7d' });
    calls[2]!.resolve(json({ n: 90 }));
    await settle();
    expect(feed.getState()).toMatchObject({ data: { n: 90 }, dataKey: '90d' });
  });

  it('a change never postpones a pending parameter change', async () => {
    const { fetch, calls } = manualFetch();
    const feed = feedWith(fetch);
    feed.setRequest('a', () => '/a');
    await settle();
    calls[0]!.resolve(json({ n: 1 }));
    await settle();
    feed.setRequest('b', () => '/b');
    feed.poke();
    await vi.advanceTimersByTimeAsync(250);
    expect(calls.map((c) => c.url)).toEqual(['/a', '/b']);
  });

  it('stop aborts the request and silences the timers; setRequest starts again at once', async () => {
    const { calls, feed } = await askedFeed();
    feed.stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    feed.poke();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(1);
    expect(feed.getState().busy).toBe(false);
    feed.setRequest('k', () => '/r');
    await settle();
    expect(calls).toHaveLength(2);
  });
});
