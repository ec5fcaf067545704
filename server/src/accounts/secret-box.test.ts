import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box.ts';

const box = SecretBox.fromText(SecretBox.newKeyText());
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('SecretBox', () => {
  it('round-trips any text, never storing it in the clear (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), fc.string(), (secret, context) => {
        const sealed = box.seal(secret, context);
        expect(sealed).not.toContain(secret);
        expect(SecretBox.isSealed(sealed)).toBe(true);
        expect(box.open(sealed, context)).toBe(secret);
      }),
    );
  });

  it('refuses another key, another row, and any flipped character', () => {
    const sealed = box.seal('12345678', 'printer_connections:t1:p1');
    expect(() =>
      SecretBox.fromText(SecretBox.newKeyText()).open(sealed, 'printer_connections:t1:p1'),
    ).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'printer_connections:t1:p2')).toThrow(SecretBoxError);
    fc.assert(
      fc.property(fc.integer({ min: 3, max: sealed.length - 1 }), (i) => {
        const at = B64URL.indexOf(sealed[i]!);
        if (at < 0) return; // a separator
        // Flip the character's top bit: a segment's last character may carry unused low bits.
        const tampered = sealed.slice(0, i) + B64URL[at ^ 32]! + sealed.slice(i + 1);
        expect(() => box.open(tampered, 'printer_connections:t1:p1')).toThrow(SecretBoxError);
      }),
    );
    expect(() => box.open('12345678', 'x')).toThrow(SecretBoxError); // a legacy plaintext value
  });

  it('takes the key as 64 hex or base64 of 32 bytes, nothing else', () => {
    expect(() => SecretBox.fromText('short')).toThrow(SecretBoxError);
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(SecretBox.fromText(b64).open(SecretBox.fromText('07'.repeat(32)).seal('x', 'c'), 'c')).toBe('x');
  });
});
