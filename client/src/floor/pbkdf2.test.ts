import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pbkdf2Sync } from 'node:crypto';
import { pbkdf2Sha256, pbkdf2Sha256Js } from './pbkdf2.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('PBKDF2-HMAC-SHA256', () => {
  it('matches the RFC 7914 test vector', () => {
    const out = pbkdf2Sha256Js(new TextEncoder().encode('passwd'), new TextEncoder().encode('salt'), 1, 64);
    expect(hex(out)).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    );
  });

  it('the pure-JS fallback matches node:crypto for any password, salt, iteration count and length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.uint8Array({ maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 70 }),
        (password, salt, iterations, bytes) => {
          const want = pbkdf2Sync(password, salt, iterations, bytes, 'sha256');
          expect(hex(pbkdf2Sha256Js(password, salt, iterations, bytes))).toBe(want.toString('hex'));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('WebCrypto and the fallback give the same bytes', async () => {
    const pw = new TextEncoder().encode('4711');
    const salt = new Uint8Array(16).fill(7);
    expect(hex(await pbkdf2Sha256(pw, salt, 1000))).toBe(hex(pbkdf2Sha256Js(pw, salt, 1000)));
  });

  it('refuses a nonsensical iteration count', async () => {
    await expect(pbkdf2Sha256(new Uint8Array(1), new Uint8Array(1), 0)).rejects.toThrow();
  });
});
