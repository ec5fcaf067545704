import { SseReader } from '../test/helpers/sse.ts';

/**
 * Propagation: client A pushes one change; the clock stops when client B's stream delivers the
 * matching `{collection, checkpoint}`. Sequential, so every sample is one round through the server,
 * the database (NOTIFY/LISTEN on Postgres) and the other client's stream.
 */
export async function benchPropagation(
  url: string,
  token: string,
  changes: number,
): Promise<{ p50: number; p95: number }> {
  const b = await SseReader.open(url, token);
  try {
    await b.next((m) => m === 'RESYNC');
    const samples: number[] = [];
    for (let i = 0; i < changes + 10; i++) {
      const doc = {
        id: `prop-${i}`,
        updatedAt: new Date().toISOString(),
        updatedBy: 'bench-a',
        serverUpdatedAt: null,
        code: `PROP-${i}`,
        name: 'propagation probe',
        active: true,
        _deleted: false,
      };
      const t = performance.now();
      const res = await fetch(`${url}/api/sync/scrap_reasons/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]),
      });
      await res.arrayBuffer();
      await b.next((m) => m !== 'RESYNC' && m.collection === 'scrap_reasons');
      if (i >= 10) samples.push(performance.now() - t); // the first ten warm up
    }
    samples.sort((x, y) => x - y);
    const pct = (p: number) =>
      Math.round(samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]! * 100) / 100;
    return { p50: pct(0.5), p95: pct(0.95) };
  } finally {
    await b.close();
  }
}
