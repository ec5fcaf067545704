import { describe, expect, it } from 'vitest';
import { isStorageFullError } from './storage-errors.ts';

class FakeDomException extends Error {
  constructor(
    message: string,
    override readonly name: string,
  ) {
    super(message);
  }
}

describe('isStorageFullError', () => {
  it('recognises the DOMException IndexedDB throws, bare or wrapped by Dexie and RxDB', () => {
    const dom = new FakeDomException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isStorageFullError(dom)).toBe(true);
    // Dexie: { name: 'QuotaExceededError', inner: DOMException }; also an AbortError whose inner is the quota error.
    expect(isStorageFullError({ name: 'AbortError', message: 'Transaction aborted', inner: dom })).toBe(true);
    // RxDB: RxError with parameters.error (or writeError) holding the storage's error.
    expect(
      isStorageFullError({
        name: 'RxError',
        message: 'RxError (COL20)',
        parameters: { writeError: { error: dom } },
      }),
    ).toBe(true);
    expect(isStorageFullError(new Error('wrapped', { cause: dom }))).toBe(true);
  });

  it('does not mistake other failures for a full disk', () => {
    expect(isStorageFullError(new Error('Failed to fetch'))).toBe(false);
    expect(isStorageFullError({ name: 'ConstraintError', message: 'Key already exists' })).toBe(false);
    expect(isStorageFullError(null)).toBe(false);
    expect(isStorageFullError('QuotaExceededError')).toBe(false);
  });

  it('stops on cyclic wrappers', () => {
    const a: Record<string, unknown> = { name: 'Error', message: 'x' };
    a.inner = a;
    expect(isStorageFullError(a)).toBe(false);
  });
});
