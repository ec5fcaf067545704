import { describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES } from './collections.ts';
import { toRxJsonSchema } from './rx-schema.ts';

describe('toRxJsonSchema', () => {
  it.each(COLLECTION_NAMES)('%s: every zod field becomes a required RxDB property', (name) => {
    const def = COLLECTIONS[name];
    const rx = toRxJsonSchema(def);
    expect(Object.keys(rx.properties).sort()).toEqual(Object.keys(def.schema.shape).sort());
    expect(rx.required.sort()).toEqual(Object.keys(def.schema.shape).sort());
    expect(rx.primaryKey).toBe('id');
  });

  it.each(COLLECTION_NAMES)('%s: indexed fields are non-null and bounded (RxDB Dexie indexes)', (name) => {
    const rx = toRxJsonSchema(COLLECTIONS[name]);
    for (const field of rx.indexes.flat()) {
      const p = rx.properties[field]!;
      expect(Array.isArray(p.type), `${name}.${field} must not be nullable`).toBe(false);
      if (p.type === 'string') expect(p.maxLength, `${name}.${field} maxLength`).toBeTypeOf('number');
      if (p.type === 'number') {
        expect(p.minimum).toBeTypeOf('number');
        expect(p.maximum).toBeTypeOf('number');
      }
    }
  });

  it('nullable fields become a type union with null', () => {
    const rx = toRxJsonSchema(COLLECTIONS.spools);
    expect(rx.properties.spoolmanId!.type).toEqual(['string', 'null']);
    expect(rx.properties.serverUpdatedAt!.type).toEqual(['string', 'null']);
  });

  it('a nullable enum admits null (a step event without a QC result validates)', () => {
    const qc = toRxJsonSchema(COLLECTIONS.step_events).properties.qcResult!;
    expect(qc.type).toEqual(['string', 'null']);
    expect(qc.enum).toEqual(['pass', 'fail', null]);
  });
});
