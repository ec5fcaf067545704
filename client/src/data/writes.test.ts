import { describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES } from '@printfloor/shared';
import { APPEND_ONLY_NAMES } from './writes.ts';

describe('APPEND_ONLY_NAMES', () => {
  it('lists exactly the append-only collections of the registry', () => {
    const fromRegistry = COLLECTION_NAMES.filter((n) => COLLECTIONS[n].kind === 'append-only');
    expect([...APPEND_ONLY_NAMES].sort()).toEqual(fromRegistry.sort());
  });
});
