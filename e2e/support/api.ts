import type { CollectionName } from '@printfloor/shared';

type Doc = Record<string, unknown> & { id: string };

/** Everything the server holds in a collection for this token's tenant, through the real pull API. */
export async function pullAll(baseUrl: string, token: string, collection: CollectionName): Promise<Doc[]> {
  const docs = new Map<string, Doc>();
  let seq = 0;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/sync/${collection}/pull?seq=${seq}&limit=1000`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`pull ${collection}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { documents: Doc[]; checkpoint: { seq: number } };
    for (const d of body.documents) docs.set(d.id, d);
    if (body.documents.length < 1000) return [...docs.values()];
    seq = body.checkpoint.seq;
  }
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
