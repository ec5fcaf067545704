import type { CollectionName, PullResponse, PushRow } from '@printfloor/shared';
import { SyncHttpError, errorFromResponse, networkError } from './sync-errors.ts';

/** `GET /api/me`: who this device token belongs to. */
export interface MeResponse {
  tenant: { slug: string; name: string };
  device: { id: string; name: string };
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin of the server, e.g. `http://localhost:8080` (no trailing slash). */
  baseUrl: string;
  token: string;
  /** Injected in tests to simulate a dead network; defaults to the global fetch. */
  fetch?: FetchLike;
  /** A hung request on bad Wi-Fi must not stall replication forever. */
  timeoutMs?: number;
}

type Json = Record<string, unknown>;

/**
 * The sync API of DESIGN.md ("Sync") over HTTP, with the device token on every call. Every failure
 * is thrown as a classified {@link SyncHttpError}; `reachable` tells whether the last request got
 * any answer from the server at all.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly token: string;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  private reachabilityListeners = new Set<(reachable: boolean) => void>();

  constructor(opts: ApiClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.token = opts.token;
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  onReachability(listener: (reachable: boolean) => void): () => void {
    this.reachabilityListeners.add(listener);
    return () => this.reachabilityListeners.delete(listener);
  }

  /** Sends a request; resolves with the raw response when it is 2xx, throws a SyncHttpError otherwise. */
  async request(path: string, init: RequestInit = {}, timeoutMs = this.timeoutMs): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.token}`);
    if (init.body !== undefined) headers.set('Content-Type', 'application/json');
    const signal = init.signal ?? (timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined);
    let res: Response;
    try {
      res = await this.fetchImpl(this.baseUrl + path, { ...init, headers, signal });
    } catch (err) {
      this.emitReachable(false);
      throw networkError(err);
    }
    this.emitReachable(true);
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  async me(): Promise<MeResponse> {
    const res = await this.request('/api/me');
    return (await res.json()) as MeResponse;
  }

  async pull(collection: CollectionName, seq: number, limit: number): Promise<PullResponse<Json>> {
    const res = await this.request(`/api/sync/${collection}/pull?seq=${seq}&limit=${limit}`);
    const body = (await res.json()) as Partial<PullResponse<Json>>;
    if (!Array.isArray(body.documents) || typeof body.checkpoint?.seq !== 'number') {
      throw new SyncHttpError('retryable', 'Malformed pull response', res.status, 'BAD_RESPONSE');
    }
    return body as PullResponse<Json>;
  }

  /** Returns the master states of the rows that conflict (always an array). */
  async push(collection: CollectionName, rows: PushRow<Json>[]): Promise<Json[]> {
    const res = await this.request(`/api/sync/${collection}/push`, {
      method: 'POST',
      body: JSON.stringify(rows),
    });
    const body = (await res.json()) as unknown;
    if (!Array.isArray(body)) {
      throw new SyncHttpError('retryable', 'Malformed push response', res.status, 'BAD_RESPONSE');
    }
    return body as Json[];
  }

  private emitReachable(reachable: boolean): void {
    for (const l of this.reachabilityListeners) l(reachable);
  }
}
