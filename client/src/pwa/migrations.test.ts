import { describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES } from '@printfloor/shared';
import { MIGRATIONS, migrationStrategiesFor } from './migrations.ts';

describe('local-data migrations', () => {
  it('has a step for every schema version of every replicated collection', () => {
    for (const name of COLLECTION_NAMES) {
      expect(() => migrationStrategiesFor(name, COLLECTIONS[name].version)).not.toThrow();
    }
  });

  it('refuses to open a collection whose new version has no step (instead of dropping its data)', () => {
    expect(() => migrationStrategiesFor('work_orders', 2, { work_orders: { 1: (d) => d } })).toThrow(
      /No migration step for work_orders to version 2/,
    );
    expect(
      Object.keys(migrationStrategiesFor('work_orders', 2, { work_orders: { 1: (d) => d, 2: (d) => d } })),
    ).toEqual(['1', '2']);
  });

  it('names only known collections', () => {
    for (const name of Object.keys(MIGRATIONS)) expect(COLLECTION_NAMES as string[]).toContain(name);
  });
});
