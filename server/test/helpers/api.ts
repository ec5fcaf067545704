import type { ErrorEnvelope, PullResponse } from '@printfloor/shared';

/** A thin HTTP client for the sync API, returning status and parsed body (tests assert on both). */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: string | undefined,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  async pull<D = Record<string, unknown>>(
    collection: string,
    seq = 0,
    limit = 1000,
  ): Promise<PullResponse<D>> {
    const res = await fetch(`${this.baseUrl}/api/sync/${collection}/pull?seq=${seq}&limit=${limit}`, {
      headers: this.headers(),
    });
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
    return (await res.json()) as PullResponse<D>;
  }

  /** Pulls every page from `seq` and returns all documents plus the final checkpoint. */
  async pullAll<D = Record<string, unknown>>(
    collection: string,
    seq = 0,
    limit = 1000,
  ): Promise<PullResponse<D>> {
    const documents: D[] = [];
    let checkpoint = { seq };
    for (;;) {
      const page = await this.pull<D>(collection, checkpoint.seq, limit);
      documents.push(...page.documents);
      checkpoint = page.checkpoint;
      if (page.documents.length < limit) return { documents, checkpoint };
    }
  }

  async push<D = Record<string, unknown>>(collection: string, rows: unknown): Promise<D[]> {
    const r = await this.pushRaw(collection, JSON.stringify(rows));
    if (r.status !== 200) throw new Error(`push ${collection}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as D[];
  }

  async pushRaw(
    collection: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    return this.request('POST', `/api/sync/${collection}/push`, body, {
      'content-type': 'application/json',
      ...headers,
    });
  }

  async request(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: this.headers(headers), body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export function asError(body: unknown): ErrorEnvelope['error'] {
  return (body as ErrorEnvelope).error;
}
