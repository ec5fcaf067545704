import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom } from 'rxjs';
import type { CollectionName } from '@printfloor/shared';
import { createPrintfloorClient, type PrintfloorClient } from '../../client/src/data/client.ts';
import { loadDevMode } from '../../client/src/data/dev-mode.ts';
import type { SyncStatus } from '../../client/src/data/sync-status.ts';
import { NetworkSwitch } from './network-switch.ts';

export interface NodeTablet {
  client: PrintfloorClient;
  network: NetworkSwitch;
  /** Resolves with the first sync status that satisfies `pred`. */
  status(pred: (s: SyncStatus) => boolean): Promise<SyncStatus>;
}

let counter = 0;

/**
 * A tablet in Node: the app's own data layer (client/src/data) on fake-indexeddb, replicating
 * through a switchable network to the real server. `collections` is a subset because RxDB's
 * open-source edition caps the open collections per process, and a test runs two tablets in one.
 */
export async function nodeTablet(opts: {
  baseUrl: string;
  token: string;
  deviceId: string;
  tenantSlug: string;
  collections: readonly CollectionName[];
  /**
   * `dexie` (default): the app's Dexie storage on fake-indexeddb. `memory`: RxDB's memory storage,
   * for harnesses that hold tens of thousands of documents (fake-indexeddb's cursors cost a walk of
   * the remaining key range per step, which makes RxDB's replication quadratic at that size).
   */
  storage?: 'dexie' | 'memory';
}): Promise<NodeTablet> {
  const network = new NetworkSwitch();
  const client = await createPrintfloorClient({
    name: `e2e-${process.pid}-${counter++}`,
    dexie: { indexedDB, IDBKeyRange },
    ...(opts.storage === 'memory' ? { storage: getRxStorageMemory() } : {}),
    multiInstance: false,
    devMode: loadDevMode,
    collections: opts.collections,
    baseUrl: opts.baseUrl,
    token: opts.token,
    deviceId: opts.deviceId,
    tenantSlug: opts.tenantSlug,
    fetch: network.fetch,
    sync: { retryTimeMs: 300, stream: { minDelayMs: 100, maxDelayMs: 1000 } },
  });
  return {
    client,
    network,
    status: (pred) => firstValueFrom(client.sync.status$.pipe(filter(pred))),
  };
}
