import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { fillWithDefaultSettings } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDatabase, type PrintfloorDatabase } from './database.ts';
import { knownIdsStats, wrapKnownIdsStorage, type KnownIdsInstance } from './known-ids-storage.ts';

let n = 0;
const dbs: PrintfloorDatabase[] = [];

async function open(name: string): Promise<PrintfloorDatabase> {
  const db = await openDatabase({
    name,
    dexie: { indexedDB, IDBKeyRange },
    multiInstance: false,
    collections: ['parts'],
  });
  dbs.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.close()));
});

const part = (id: string) => ({
  id,
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 't',
  serverUpdatedAt: null,
  code: `PT-${id}`,
  drawingNumber: '',
  revision: 'A',
  description: '',
  material: 'PLA',
  colorHex: null,
  gramsPerPart: 1,
  printMinutes: 1,
  notes: '',
  routing: [],
});

/** Our wrapper, under RxDB's own wrapper of the collection's storage instance. */
const instanceOf = (db: PrintfloorDatabase) =>
  (db.parts.storageInstance as unknown as { originalStorageInstance: unknown })
    .originalStorageInstance as KnownIdsInstance<unknown, unknown, unknown>;

type Row = { id: string };

/** What IndexedDB itself holds (tombstones included), bypassing the wrapper. */
const raw = async (db: PrintfloorDatabase, ids: string[]): Promise<Row[]> =>
  (await (
    instanceOf(db) as unknown as { inner: KnownIdsInstance<unknown, unknown, unknown> }
  ).inner.findDocumentsById(ids, true)) as unknown as Row[];

describe('known-ids storage', () => {
  it('answers lookups of never-written ids without IndexedDB, and finds every written one (tombstones too)', async () => {
    const db = await open(`known-${process.pid}-${n++}`);
    expect(instanceOf(db).tracking).toBe(true);
    await db.parts.bulkInsert([part('a'), part('b')]);
    const doc = await db.parts.findOne('b').exec();
    await doc!.remove();
    const before = { ...knownIdsStats };
    const ids = ['a', 'b', 'x', 'y', 'z'];
    const got = await db.parts.storageInstance.findDocumentsById(ids, true);
    expect(got.map((d) => d.id).sort()).toEqual((await raw(db, ids)).map((d: Row) => d.id).sort());
    expect(got.map((d) => d.id).sort()).toEqual(['a', 'b']);
    expect(knownIdsStats.answered - before.answered).toBe(3);
    expect(knownIdsStats.delegated - before.delegated).toBe(2);
    expect((await db.parts.storageInstance.findDocumentsById(ids, false)).map((d) => d.id)).toEqual(['a']);
  });

  it('leaves a store that already held documents when it opened to IndexedDB', async () => {
    const name = `known-${process.pid}-${n++}`;
    const first = await open(name);
    await first.parts.insert(part('kept'));
    await first.close();
    dbs.splice(dbs.indexOf(first), 1);
    const again = await open(name);
    expect(instanceOf(again).tracking).toBe(false);
    expect((await again.parts.findOne('kept').exec())?.code).toBe('PT-kept');
  });

  it("learns another tab's writes from the change stream before anyone could ask for them", async () => {
    // Two tabs = two storage instances of one IndexedDB database, each with its own instance token
    // (RxDB's multi-instance support relays their writes over a BroadcastChannel).
    const storage = wrapKnownIdsStorage(getRxStorageDexie({ indexedDB, IDBKeyRange }));
    const schema = fillWithDefaultSettings({
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 40 }, v: { type: 'number' } },
      required: ['id', 'v'],
    });
    const params = (token: string) => ({
      databaseInstanceToken: token,
      databaseName: `known-tabs-${process.pid}-${n++}`,
      collectionName: 'things',
      schema,
      options: {},
      multiInstance: true,
      devMode: false,
    });
    const shared = params('x');
    const tabA = await storage.createStorageInstance({ ...shared, databaseInstanceToken: 'tab-a' });
    const tabB = await storage.createStorageInstance({ ...shared, databaseInstanceToken: 'tab-b' });
    try {
      expect((tabA as unknown as KnownIdsInstance<unknown, unknown, unknown>).tracking).toBe(true);
      const doc = {
        id: 'from-b',
        v: 1,
        _deleted: false,
        _rev: '1-b',
        _attachments: {},
        _meta: { lwt: Date.now() },
      };
      const res = await tabB.bulkWrite([{ document: doc }], 'test');
      expect(res.error).toEqual([]);
      // Once the other tab's event has arrived, A asks IndexedDB for that id and finds it.
      await expect.poll(async () => (await tabA.findDocumentsById(['from-b'], true)).length).toBe(1);
      expect(await tabA.findDocumentsById(['never'], true)).toEqual([]);
    } finally {
      await tabA.close();
      await tabB.close();
    }
  });
});
