import type { CDPSession, Page, Response } from 'playwright-core';

/** A body the page received: a whole response, or one chunk of a streamed (SSE) response. */
export interface Received {
  url: string;
  status: number;
  kind: 'body' | 'stream-chunk';
  body: string;
}

export interface SecretHit {
  url: string;
  kind: Received['kind'];
  /** Which secret (its label, never the value). */
  secret: string;
  /** How it was written: plain, base64, hex or URL-encoded. */
  form: string;
}

/** The forms a secret could travel in unnoticed: as it is, base64 (also url-safe), hex, URL-encoded. */
function forms(secret: string): [string, string][] {
  const b = Buffer.from(secret, 'utf8');
  const out: [string, string][] = [
    ['plain', secret],
    ['base64', b.toString('base64').replace(/=+$/, '')],
    ['base64url', b.toString('base64url')],
    ['hex', b.toString('hex')],
    ['url-encoded', encodeURIComponent(secret)],
  ];
  return out.filter(([, v], i) => out.findIndex(([, w]) => w === v) === i);
}

/**
 * Every place a secret occurs in what was received. Streamed chunks are also joined per response,
 * so a secret split across two chunks is still found.
 */
export function findSecrets(received: Received[], secrets: Record<string, string>): SecretHit[] {
  const hits: SecretHit[] = [];
  const streams = new Map<string, string>();
  for (const r of received) {
    if (r.kind === 'stream-chunk') streams.set(r.url, (streams.get(r.url) ?? '') + r.body);
  }
  const haystacks = [
    ...received.filter((r) => r.kind === 'body').map((r) => ({ url: r.url, kind: r.kind, body: r.body })),
    ...[...streams].map(([url, body]) => ({ url, kind: 'stream-chunk' as const, body })),
  ];
  for (const h of haystacks) {
    for (const [label, value] of Object.entries(secrets)) {
      for (const [form, text] of forms(value)) {
        if (h.body.includes(text)) hits.push({ url: h.url, kind: h.kind, secret: label, form });
      }
    }
  }
  return hits;
}

/** Server-sent event endpoints: left to the protocol's stream reader, never teed. */
const STREAM_PATHS = ['/api/sync/stream', '/api/printers/stream'];

const isEventStream = (mime: string | undefined) => !!mime && mime.includes('text/event-stream');

/**
 * Records every response body `page` receives. Whole responses through Playwright's
 * `page.on('response')` and, as soon as each finished loading, the DevTools protocol's
 * `Network.getResponseBody`; server-sent event streams (fetch-read, they never finish) through the
 * DevTools protocol: `Network.streamResourceContent` hands over what was buffered so far and then
 * every chunk as `Network.dataReceived` data. `settle()` waits for pending body reads.
 */
export async function recordResponses(page: Page): Promise<{
  received: Received[];
  settle: () => Promise<void>;
  /** Response bodies that could not be read (redirects, evicted): URLs, for the test to judge. */
  unread: string[];
}> {
  const received: Received[] = [];
  const unread: string[] = [];
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const streams = new Map<string, { url: string; status: number }>();
  cdp.on('Network.responseReceived', (e) => {
    if (!isEventStream(e.response.mimeType)) return;
    streams.set(e.requestId, { url: e.response.url, status: e.response.status });
    track(
      cdp
        .send('Network.streamResourceContent', { requestId: e.requestId })
        .then(({ bufferedData }) => {
          const body = Buffer.from(bufferedData, 'base64').toString('utf8');
          if (body)
            received.push({ url: e.response.url, status: e.response.status, kind: 'stream-chunk', body });
        })
        .catch(() => {
          unread.push(`${e.response.url} (stream)`);
        }),
    );
  });
  cdp.on('Network.dataReceived', (e) => {
    const s = streams.get(e.requestId);
    if (!s || !e.data) return;
    received.push({
      url: s.url,
      status: s.status,
      kind: 'stream-chunk',
      body: Buffer.from(e.data, 'base64').toString('utf8'),
    });
  });

  // Every other body too, read through the protocol the moment it finished loading: Playwright
  // reads lazily, and a page that navigates right after a request (a sign-in that reloads) has
  // dropped the body by then. Both copies are scanned; a body neither could read is `unread`.
  const early = new Set<string>();
  const urls = new Map<string, { url: string; status: number }>();
  cdp.on('Network.responseReceived', (e) => {
    if (!isEventStream(e.response.mimeType))
      urls.set(e.requestId, { url: e.response.url, status: e.response.status });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = urls.get(e.requestId);
    if (!r) return;
    urls.delete(e.requestId);
    track(
      cdp.send('Network.getResponseBody', { requestId: e.requestId }).then(
        ({ body, base64Encoded }) => {
          early.add(r.url);
          received.push({
            ...r,
            kind: 'body',
            body: base64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
          });
        },
        () => undefined,
      ),
    );
  });

  // And the API's answers once more at the source, teed by a route (the page gets the very same
  // response): a body is captured even when the page navigates away before anything could read it.
  // Streams pass through untouched (route.fetch would wait for their end); CDP reads those.
  const teed = new Set<string>();
  await page.route('**/api/**', async (route) => {
    const req = route.request();
    if (
      STREAM_PATHS.some((p) => new URL(req.url()).pathname === p) ||
      /event-stream/.test(req.headers().accept ?? '')
    ) {
      await route.continue();
      return;
    }
    const res = await route.fetch().catch(() => undefined);
    if (!res) return route.abort();
    const body = await res.body();
    teed.add(req.url());
    received.push({ url: req.url(), status: res.status(), kind: 'body', body: body.toString('utf8') });
    await route.fulfill({ response: res, body });
  });

  page.on('response', (res: Response) => {
    const mime = res.headers()['content-type'];
    if (isEventStream(mime)) return; // read through CDP above
    const status = res.status();
    if (status >= 300 && status < 400) return; // a redirect has no body
    track(
      res.body().then(
        (b) => {
          received.push({ url: res.url(), status, kind: 'body', body: b.toString('utf8') });
        },
        () => {
          unread.push(res.url());
        },
      ),
    );
  });

  return {
    received,
    unread,
    settle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
      // What Playwright could not read but the protocol did is not unread.
      const still = unread.filter((u) => !early.has(u) && !teed.has(u));
      unread.splice(0, unread.length, ...still);
    },
  };
}
