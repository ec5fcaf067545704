import type { Page } from 'playwright-core';
import { COLLECTION_NAMES } from '@printfloor/shared';
import { pullAll } from '../../support/api.ts';
import type { TestServer } from '../../support/server.ts';

/** Adds cloned step events and spool movements (new ids) until the tenant holds `target` documents. */
export async function scaleFarm(server: TestServer, target: number): Promise<number> {
  const token = server.demoToken!;
  const counts = await Promise.all(
    COLLECTION_NAMES.map(async (c) => (await pullAll(server.url, token, c)).length),
  );
  let total = counts.reduce((a, b) => a + b, 0);
  for (const name of ['step_events', 'spool_movements'] as const) {
    const seed = await pullAll(server.url, token, name);
    const want = Math.floor((target - total) / (name === 'step_events' ? 2 : 1));
    for (let made = 0; made < want;) {
      const batch = Array.from({ length: Math.min(500, want - made) }, (_, i) => {
        const src = seed[(made + i) % seed.length]!;
        const doc = { ...src, id: crypto.randomUUID() } as Record<string, unknown>;
        delete doc._seq;
        return { assumedMasterState: null, newDocumentState: doc };
      });
      const res = await fetch(`${server.url}/api/sync/${name}/push`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (!res.ok) throw new Error(`push ${name}: HTTP ${res.status} ${await res.text()}`);
      made += batch.length;
    }
    total += want;
  }
  return total;
}

/** Documents stored in the tablet's IndexedDB (RxDB's Dexie storage: one database per collection). */
export function storedCount(page: Page): Promise<number> {
  return page.evaluate(async (names: string[]) => {
    let n = 0;
    const dbs = (await indexedDB.databases()).map((d) => d.name ?? '');
    for (const name of names) {
      const dbName = dbs.find((d) => d.startsWith('rxdb-dexie-') && d.endsWith(`--${name}`));
      if (!dbName) continue;
      n += await new Promise<number>((resolve) => {
        const open = indexedDB.open(dbName);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('docs')) return resolve(0);
          const req = db.transaction('docs').objectStore('docs').count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
        };
        open.onerror = () => resolve(0);
      });
    }
    return n;
  }, COLLECTION_NAMES as string[]);
}
