import type { FetchLike } from '../../client/src/data/api-client.ts';

/**
 * A tablet's Wi-Fi in a test: `fetch` through it fails like a dead network while `offline`, and
 * going offline also cuts every request in flight (the live change stream included), as a real
 * drop does. Nothing is paused or cancelled inside the client: it meets the failures it would meet.
 */
export class NetworkSwitch {
  private offlineNow = false;
  private readonly inFlight = new Set<AbortController>();

  get offline(): boolean {
    return this.offlineNow;
  }

  setOffline(offline: boolean): void {
    this.offlineNow = offline;
    if (offline) for (const c of this.inFlight) c.abort(new TypeError('network down'));
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    if (this.offlineNow) throw new TypeError('fetch failed (offline)');
    const ctrl = new AbortController();
    const signals = [ctrl.signal, ...(init.signal ? [init.signal] : [])];
    this.inFlight.add(ctrl);
    try {
      const res = await fetch(input, { ...init, signal: AbortSignal.any(signals) });
      if (!res.body) return res;
      // Keep the controller while the body streams (SSE), release it when the body is done.
      const body = res.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          flush: () => void this.inFlight.delete(ctrl),
        }),
      );
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      this.inFlight.delete(ctrl);
      throw err;
    }
  };
}
