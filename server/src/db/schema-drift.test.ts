import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { COLLECTIONS, COLLECTION_NAMES } from '@printfloor/shared';
import { MIGRATIONS_DIR } from '../paths.ts';
import { REPLICATED_TABLES } from './schema/replicated.ts';
import { snakeCase } from './replicated-columns.ts';

/**
 * Drift guard: the zod schemas in shared are the source of truth. Every field of every collection
 * must have a typed column in its table, and the latest drizzle-kit snapshot must hold the same
 * columns (i.e. someone ran `pnpm --filter @printfloor/server db:generate` after changing a schema).
 */

type Expected = { column: string; types: string[]; notNull: boolean };

/** What a zod field must become, read from the zod schema itself (independently of the derivation code). */
function expectedColumn(field: string, schema: z.ZodType): Expected {
  type Def = { type: string; innerType?: z.ZodType };
  // A defaulted field (a part's routing, `[]`) is stored as its inner type.
  const top = schema._zod.def as Def;
  const field0 = top.type === 'default' ? top.innerType! : schema;
  const outer = field0._zod.def as Def;
  const nullable = outer.type === 'nullable';
  const inner = (nullable ? outer.innerType! : field0) as z.ZodType & { isInt?: boolean };
  const def = inner._zod.def as Def;
  const types =
    def.type === 'string' || def.type === 'enum'
      ? ['text']
      : def.type === 'array'
        ? ['jsonb']
        : def.type === 'boolean'
          ? ['boolean']
          : def.type === 'number'
            ? inner.isInt
              ? ['integer', 'bigint']
              : ['double precision']
            : [`<no mapping for zod ${def.type}>`];
  return { column: snakeCase(field), types, notNull: !nullable };
}

const BOOKKEEPING = { tenant_id: 'uuid', seq: 'bigint', deleted: 'boolean', doc: 'text' };

interface SnapshotColumn {
  name: string;
  type: string;
  notNull: boolean;
}
interface Snapshot {
  tables: Record<
    string,
    {
      columns: Record<string, SnapshotColumn>;
      compositePrimaryKeys: Record<string, { columns: string[] }>;
      indexes: Record<string, { columns: { expression: string }[]; isUnique: boolean }>;
    }
  >;
}

function latestSnapshot(): Snapshot {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number }[];
  };
  const last = journal.entries.at(-1)!;
  return JSON.parse(
    readFileSync(join(MIGRATIONS_DIR, 'meta', `${String(last.idx).padStart(4, '0')}_snapshot.json`), 'utf8'),
  ) as Snapshot;
}

describe('replicated tables follow the zod schemas', () => {
  const snapshot = latestSnapshot();

  describe.each(COLLECTION_NAMES)('%s', (name) => {
    const shape = COLLECTIONS[name].schema.shape as Record<string, z.ZodType>;
    const config = getTableConfig(REPLICATED_TABLES[name]);
    const columns = new Map(config.columns.map((c) => [c.name, c]));

    it('has a typed column for every zod field, and nothing else but tenant_id, seq, deleted, doc', () => {
      for (const [field, schema] of Object.entries(shape)) {
        const want = expectedColumn(field, schema);
        const col = columns.get(want.column);
        expect(col, `${name}.${field} → column ${want.column}`).toBeDefined();
        expect(want.types, `${name}.${want.column} type`).toContain(col!.getSQLType());
        expect(col!.notNull, `${name}.${want.column} NOT NULL`).toBe(want.notNull);
      }
      const expectedNames = [...Object.keys(shape).map(snakeCase), ...Object.keys(BOOKKEEPING)].sort();
      expect([...columns.keys()].sort()).toEqual(expectedNames);
      for (const [col, type] of Object.entries(BOOKKEEPING))
        expect(columns.get(col)!.getSQLType()).toBe(type);
    });

    it('is keyed by (tenant_id, id) and indexed by (tenant_id, seq)', () => {
      expect(config.primaryKeys.map((pk) => pk.columns.map((c) => c.name))).toEqual([['tenant_id', 'id']]);
      const seqIndex = config.indexes.find(
        (i) => i.config.columns.map((c) => (c as { name: string }).name).join() === 'tenant_id,seq',
      );
      expect(seqIndex?.config.unique).toBe(true);
      expect(config.foreignKeys).toEqual([]); // pushes of different collections arrive in any order
    });

    it('is in the latest migration snapshot with the same columns (db:generate was run)', () => {
      const table = snapshot.tables[`public.${name}`];
      expect(table, `drizzle/ has no table ${name}: run db:generate`).toBeDefined();
      for (const c of config.columns) {
        expect(
          table!.columns[c.name],
          `${name}.${c.name} missing from the migrations: run db:generate`,
        ).toMatchObject({
          type: c.getSQLType(),
          notNull: c.notNull,
        });
      }
      expect(Object.keys(table!.columns).sort()).toEqual([...columns.keys()].sort());
      expect(Object.values(table!.compositePrimaryKeys).map((pk) => pk.columns)).toEqual([
        ['tenant_id', 'id'],
      ]);
    });
  });

  it('has a table for every collection and a collection for every replicated table', () => {
    expect(Object.keys(REPLICATED_TABLES).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const name of COLLECTION_NAMES) expect(getTableConfig(REPLICATED_TABLES[name]).name).toBe(name);
  });
});
