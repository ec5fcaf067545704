import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { sha256Bytes, sha256Hex } from './sha256.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('sha256 fallback', () => {
  it('matches the known test vector', () => {
    expect(hex(sha256Bytes(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('matches node:crypto on any input, including block-boundary lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(hex(sha256Bytes(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the native digest and the fallback the same output', async () => {
    const s = 'printfloor||work_orders||ünïcødé';
    expect(await sha256Hex(s)).toBe(hex(sha256Bytes(new TextEncoder().encode(s))));
  });
});
