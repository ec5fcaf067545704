import type { RxCollection } from 'rxdb';
import type { CollectionName } from '@printfloor/shared';
import { ApiClient, type FetchLike } from './api-client.ts';
import { openDatabase, type DatabaseOptions, type PrintfloorDatabase } from './database.ts';
import { SyncJournal, type LocalReader } from './journal.ts';
import { JOURNAL_COLLECTION } from './journal-schema.ts';
import { LocalWriter } from './writes.ts';
import { SyncEngine, type SyncEngineOptions } from './sync-engine.ts';
import { PushHold } from './push-hold.ts';

export interface PrintfloorClientOptions extends DatabaseOptions {
  baseUrl: string;
  token: string;
  /** This tablet's device id and tenant (from `/api/me`). */
  deviceId: string;
  tenantSlug: string;
  operatorId?: () => string;
  fetch?: FetchLike;
  sync?: Partial<Omit<SyncEngineOptions, 'db' | 'api' | 'journal' | 'identifier' | 'collections' | 'hold'>>;
  /** Open the database without replicating (start later with `sync.start()`). */
  startSync?: boolean;
}

/** Everything a screen or a test needs: the local database, the writer and the sync engine. */
export interface PrintfloorClient {
  db: PrintfloorDatabase;
  api: ApiClient;
  journal: SyncJournal;
  writer: LocalWriter;
  sync: SyncEngine;
  /** Keeps records inside their undo window from being pushed (see push-hold.ts). */
  hold: PushHold;
  close(): Promise<void>;
}

/** Wires the database, the journal, the writer and the replication of one enrolled device. */
export async function createPrintfloorClient(opts: PrintfloorClientOptions): Promise<PrintfloorClient> {
  const db = await openDatabase(opts);
  const api = new ApiClient({ baseUrl: opts.baseUrl, token: opts.token, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const readLocal: LocalReader = async (name, ids) => {
    const coll = db.collections[name as CollectionName] as unknown as RxCollection<Record<string, unknown>>;
    const docs = await coll.storageInstance.findDocumentsById(ids, true);
    return new Map(docs.map((d) => [String(d.id), d as Record<string, unknown>]));
  };
  const journal = new SyncJournal(db.collections[JOURNAL_COLLECTION], readLocal);
  const hold = new PushHold();
  const writer = new LocalWriter(db, journal, {
    deviceId: opts.deviceId,
    operatorId: opts.operatorId ?? (() => ''),
    beforeAppend: (name, id) => hold.noteAppend(name, id),
  });
  const sync = new SyncEngine({
    ...opts.sync,
    hold,
    db,
    api,
    journal,
    identifier: `${opts.baseUrl}|${opts.tenantSlug}`,
    ...(opts.collections ? { collections: opts.collections } : {}),
  });
  if (opts.startSync ?? true) await sync.start();
  return {
    db,
    api,
    journal,
    writer,
    sync,
    hold,
    async close() {
      await sync.stop();
      await db.close();
    },
  };
}
