import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { COLLECTIONS, COLLECTION_NAMES, toRxJsonSchema, type CollectionDef, type CollectionName, type DocOf } from '@printfloor/shared';
import { JOURNAL_COLLECTION, journalSchema, type JournalEntry } from './journal-schema.ts';
import { conflictHandlerFor } from './conflict-handlers.ts';
import { sha256Hex } from './sha256.ts';
import { wrapKnownIdsStorage } from './known-ids-storage.ts';
import type { DevModeLoader } from './dev-mode.ts';
import { withMigrations } from '../pwa/migrations.ts';

export type ReplicatedCollections = { [N in CollectionName]: RxCollection<DocOf<N>> };
export type PrintfloorCollections = ReplicatedCollections & { [JOURNAL_COLLECTION]: RxCollection<JournalEntry> };
export type PrintfloorDatabase = RxDatabase<PrintfloorCollections>;

/** What the Dexie storage needs outside a browser (fake-indexeddb in Node tests). */
export interface DexieEnv {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export interface DatabaseOptions {
  /** IndexedDB database name; one per tenant so two enrolments never mix data. */
  name: string;
  /** Pass fake-indexeddb here in Node. */
  dexie?: DexieEnv;
  /**
   * A storage to use instead of Dexie — Node harnesses only (the long soak's RxDB tablets run on
   * RxDB's memory storage: fake-indexeddb walks its whole key range for every cursor step, so
   * RxDB's replication over 30,000 documents turns quadratic there). The app always uses Dexie.
   */
  storage?: RxStorage<unknown, unknown>;
  /**
   * RxDB dev-mode (schema checks, validation on every write): pass {@link loadDevMode}. Never in
   * production — it is slow and big; the app passes it only when `import.meta.env.DEV`, so the
   * bundler drops it (and its chunks) from the production build.
   */
  devMode?: DevModeLoader;
  /** Several tabs share one database (browser default). Node tests run single-instance. */
  multiInstance?: boolean;
  /**
   * Open only these replicated collections. RxDB's open-source edition allows about 13 open
   * collections per JS realm, so a test that runs two clients in one process opens a subset.
   */
  collections?: readonly CollectionName[];
}

let leaderElectionAdded = false;

/** shared derives a structural RxDB schema (it must not depend on RxDB's types); this names it. */
function rxSchemaOf(def: CollectionDef): RxJsonSchema<Record<string, unknown>> {
  const schema: unknown = toRxJsonSchema(def);
  return schema as RxJsonSchema<Record<string, unknown>>;
}

/** Dev-mode needs a validating storage wrapper (RxDB error DVM1); both load only when asked for. */
async function storageFor(opts: DatabaseOptions): Promise<RxStorage<unknown, unknown>> {
  // Issue 9: a new tablet's first sync skips IndexedDB lookups of ids never written (known-ids-storage.ts).
  const base = wrapKnownIdsStorage(
    opts.storage ??
      getRxStorageDexie(opts.dexie ? { indexedDB: opts.dexie.indexedDB, IDBKeyRange: opts.dexie.IDBKeyRange } : {}),
  );
  if (!opts.devMode) return base;
  const { RxDBDevModePlugin, wrappedValidateAjvStorage } = await opts.devMode();
  if (RxDBDevModePlugin) addRxPlugin(RxDBDevModePlugin);
  return wrappedValidateAjvStorage({ storage: base });
}

/**
 * Opens the tablet's database: every replicated collection with its RxDB schema derived from the
 * shared zod schema (never hand-copied) and its conflict handler, plus the local sync journal.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<PrintfloorDatabase> {
  if (!leaderElectionAdded) {
    addRxPlugin(RxDBLeaderElectionPlugin);
    leaderElectionAdded = true;
  }
  const db = await createRxDatabase<PrintfloorCollections>({
    name: opts.name,
    storage: await storageFor(opts),
    multiInstance: opts.multiInstance ?? true,
    hashFunction: sha256Hex,
    // A hot reload in dev re-runs this; close the old instance instead of throwing DB8.
    closeDuplicates: true,
  });
  const names = opts.collections ?? COLLECTION_NAMES;
  const creators: Record<string, RxCollectionCreator> = {};
  for (const name of names) {
    const def = COLLECTIONS[name];
    creators[name] = {
      // Schema + local-data migration steps per version (issue 9: client/src/pwa/migrations.ts).
      ...withMigrations(name, rxSchemaOf(def)),
      conflictHandler: conflictHandlerFor(def),
    };
  }
  creators[JOURNAL_COLLECTION] = { schema: journalSchema as RxJsonSchema<unknown> };
  await db.addCollections(creators);
  return db;
}
