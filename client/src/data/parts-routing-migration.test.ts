import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTIONS, partSchema, toRxJsonSchema, type TemplateStep } from '@printfloor/shared';
import { openDatabase, type PrintfloorDatabase } from './database.ts';
import { loadValidationOnly } from './dev-mode.ts';
import { sha256Hex } from './sha256.ts';

/**
 * Parts schema v1 (the stored routing template): a tablet's database written at v0 opens at v1
 * with every part kept and `routing: []` added by client/src/pwa/migrations.ts.
 */

let n = 0;
const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

const V0_SCHEMA = toRxJsonSchema({
  ...COLLECTIONS.parts,
  version: 0,
  schema: partSchema.omit({ routing: true }),
}) as unknown as RxJsonSchema<Record<string, unknown>>;

const v0Part = {
  id: 'part-old',
  updatedAt: '2026-03-01T08:00:00.000Z',
  updatedBy: 'tablet-1',
  serverUpdatedAt: '2026-03-01T08:00:01.000Z',
  code: 'PT-0042',
  drawingNumber: 'DRW-42',
  revision: 'B',
  description: 'Fan duct',
  material: 'PETG',
  colorHex: null,
  gramsPerPart: 31,
  printMinutes: 88,
  notes: 'edited offline, not yet synced',
};

async function writeAtV0(name: string): Promise<void> {
  const db: RxDatabase = await createRxDatabase({
    name,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
    hashFunction: sha256Hex,
  });
  await db.addCollections({ parts: { schema: V0_SCHEMA } });
  await db.parts!.insert(v0Part);
  await db.close();
}

async function openV1(name: string): Promise<PrintfloorDatabase> {
  const db = await openDatabase({
    name,
    dexie: { indexedDB, IDBKeyRange },
    multiInstance: false,
    collections: ['parts'],
    devMode: loadValidationOnly,
  });
  open.push(db);
  return db;
}

describe('parts schema v1 migration', () => {
  it('is version 1 and v0 had no routing', () => {
    expect(COLLECTIONS.parts.version).toBe(1);
    expect(Object.keys(V0_SCHEMA.properties)).not.toContain('routing');
  });

  it('keeps a part written at v0 and gives it routing []', async () => {
    const name = `parts-mig-${process.pid}-${n++}`;
    await writeAtV0(name);
    const db = await openV1(name);
    const doc = await db.parts.findOne('part-old').exec();
    expect(doc?.toJSON()).toEqual({ ...v0Part, routing: [] });
    // The migrated document is a valid v1 document: a template can be saved on it.
    const step: TemplateStep = {
      code: 'OP10',
      name: 'Print',
      workCenterId: 'wc-1',
      printerId: '',
      plannedSetupMinutes: 10,
      runMinutesPerUnit: 88,
      notes: '',
    };
    await doc!.incrementalPatch({ routing: [step] });
    expect((await db.parts.findOne('part-old').exec())?.routing).toEqual([step]);
  });

  it('refuses a template step with a missing field (the nested schema is enforced locally too)', async () => {
    const db = await openV1(`parts-mig-${process.pid}-${n++}`);
    await expect(
      db.parts.insert({ ...v0Part, id: 'p2', routing: [{ code: 'OP10' } as unknown as TemplateStep] }),
    ).rejects.toThrow();
  });
});
