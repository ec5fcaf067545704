import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import {
  createPrintfloorClient,
  type PrintfloorClient,
  type PrintfloorClientOptions,
} from '../src/data/client.ts';
import { loadDevMode } from '../src/data/dev-mode.ts';
import type { FakeSyncServer } from './fake-sync-server.ts';

/**
 * A tablet's client on fake IndexedDB, single-instance, with RxDB's dev-mode checks, replicating
 * against the fake server of tenant `acme` with the server's token and fetch — unless `opts`
 * says otherwise (a wrapped fetch, an operator, the sync timings).
 */
export function fakeTablet(
  server: FakeSyncServer,
  opts: Pick<PrintfloorClientOptions, 'name' | 'deviceId'> & Partial<PrintfloorClientOptions>,
): Promise<PrintfloorClient> {
  return createPrintfloorClient({
    dexie: { indexedDB, IDBKeyRange },
    multiInstance: false,
    devMode: loadDevMode,
    baseUrl: 'http://fake.local',
    token: server.token,
    tenantSlug: 'acme',
    fetch: server.fetch,
    ...opts,
  });
}
