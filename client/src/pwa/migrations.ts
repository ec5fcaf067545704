import { addRxPlugin, type MigrationStrategies, type RxCollectionCreator, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';

type Doc = Record<string, unknown>;

/**
 * Local-data migrations, per collection: `{ [toVersion]: (oldDoc) => newDoc }`.
 *
 * When a collection's schema changes, bump `COLLECTIONS[x].version` in shared/src/collections.ts
 * and add the step here, keyed by the NEW version. At the next start RxDB copies every local
 * document through the steps into the new schema — unsynced edits and the replication's own state
 * (its assumed master states) included — instead of dropping the data and pulling it again. Rules:
 * - every version from 1 to the current one needs a step ({@link migrationStrategiesFor} refuses
 *   to open the database otherwise, and migrations.test.ts checks the registry);
 * - a step never returns `null` (that deletes the document, and could delete an unsynced edit);
 * - the server runs the same change on its rows (RxDB assumes client and server agree).
 */
export const MIGRATIONS: Readonly<Record<string, MigrationStrategies<Doc>>> = {
  // v1: parts carry a stored routing template; documents from before have none ([]).
  parts: { 1: (doc) => ({ ...doc, routing: Array.isArray(doc.routing) ? doc.routing : [] }) },
  // Example for the day work_orders goes to version 1:
  //   work_orders: { 1: (doc) => ({ ...doc, customerRef: doc.customerRef ?? null }) },
};

/**
 * The migration DRILL: a build made with `VITE_PRINTFLOOR_MIGRATION_DRILL=<collection>` runs that
 * collection one schema version higher, with a step that carries each document over unchanged. The
 * update e2e test (e2e/pwa/update.test.ts) builds v1 normally and v2 with the drill, and checks a
 * real RxDB migration keeps every document and every unsynced edit. Unset in normal builds, where
 * the bundler folds this to `''` and the drill code away.
 */
// `import.meta.env` exists under Vite and Vitest; the e2e support runs this file under plain tsx.
const DRILL: string =
  (import.meta as { env?: Record<string, string | undefined> }).env?.VITE_PRINTFLOOR_MIGRATION_DRILL ?? '';

/** The drill's step: the document as it was (a real step would reshape it). */
const carryOver = (doc: Doc): Doc => doc;

/** Every step of a collection up to `version`, or an error naming the missing one. */
export function migrationStrategiesFor(
  name: string,
  version: number,
  registry: Readonly<Record<string, MigrationStrategies<Doc>>> = MIGRATIONS,
): MigrationStrategies<Doc> {
  const steps: MigrationStrategies<Doc> = { ...registry[name] };
  if (DRILL === name) steps[version] = carryOver;
  for (let v = 1; v <= version; v++) {
    if (typeof steps[v] !== 'function') {
      throw new Error(
        `No migration step for ${name} to version ${v}: add it to client/src/pwa/migrations.ts ` +
          '(the local data is kept as it is until then).',
      );
    }
  }
  return steps;
}

let pluginAdded = false;

/**
 * The hook database.ts calls for each replicated collection: its schema (one version higher under
 * the drill) with the migration steps, migrated automatically when the collection opens.
 */
export function withMigrations(
  name: string,
  schema: RxJsonSchema<Doc>,
): Pick<RxCollectionCreator<Doc>, 'schema' | 'migrationStrategies' | 'autoMigrate'> {
  if (!pluginAdded) {
    addRxPlugin(RxDBMigrationSchemaPlugin);
    pluginAdded = true;
  }
  const local = DRILL === name ? { ...schema, version: schema.version + 1 } : schema;
  return {
    schema: local,
    migrationStrategies: migrationStrategiesFor(name, local.version),
    autoMigrate: true,
  };
}
