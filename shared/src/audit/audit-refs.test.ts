import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../collections.ts';
import { ref } from '../domain/common.ts';
import { REF_FIELD_COLLECTIONS, actorTokens, auditValueRef } from './audit-refs.ts';

describe('audit refs', () => {
  it('knows the collection of every reference field of an audited (mutable) document', () => {
    const refFields = Object.values(COLLECTIONS)
      .filter((c) => c.kind === 'mutable')
      .flatMap((c) => Object.entries(c.schema.shape).filter(([, s]) => s === ref))
      .map(([field]) => field);
    expect(refFields.length).toBeGreaterThan(0);
    for (const field of refFields) expect(Object.keys(REF_FIELD_COLLECTIONS)).toContain(field);
  });

  it('names a reference value like a target, a pairing code issuer like a user, nothing else', () => {
    expect(auditValueRef('loadedPrinterId', 'p-1')).toBe('printers/p-1');
    expect(auditValueRef('partId', 'x')).toBe('parts/x');
    expect(auditValueRef('pairingCodeBy', 'u-1')).toBe('user:u-1');
    expect(auditValueRef('loadedPrinterId', '')).toBeUndefined();
    expect(auditValueRef('partId', null)).toBeUndefined();
    expect(auditValueRef('notes', 'printers/p-1')).toBeUndefined();
    expect(auditValueRef('toString', 'x')).toBeUndefined();
  });

  it('splits an actor into its tokens', () => {
    expect(actorTokens('device:d-1 operator:p-7')).toEqual(['device:d-1', 'operator:p-7']);
    expect(actorTokens('system')).toEqual(['system']);
  });
});
