import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Prefix of an encrypted value: the version lets the format (or the key) change later. */
const V1 = 'v1';
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/**
 * Printer access codes and broker passwords at rest (issue 7): AES-256-GCM with a 32-byte key from
 * SECRETS_KEY, a random 96-bit IV per value, and the value's place (e.g. `printer_connections:
 * <tenant>:<printer>`) as additional data, so a ciphertext copied onto another row does not open.
 * Stored as `v1.<iv>.<ciphertext>.<tag>` (base64url).
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32)
      throw new SecretBoxError('SECRETS_KEY must be 32 bytes (64 hex or 44 base64 characters)');
    this.#key = key;
  }

  /** A key from its text form: 64 hex characters or base64 of 32 bytes. */
  static fromText(text: string): SecretBox {
    const t = text.trim();
    const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
    return new SecretBox(key);
  }

  /** A fresh key in the form SECRETS_KEY takes (`openssl rand -hex 32` is the same). */
  static newKeyText(): string {
    return randomBytes(32).toString('hex');
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    c.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return [V1, iv, ct, c.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The plaintext; throws SecretBoxError on a wrong key, a wrong context or any tampering. */
  open(sealed: string, context: string): string {
    const [v, iv, ct, tag] = sealed.split('.');
    if (v !== V1 || iv === undefined || ct === undefined || tag === undefined) {
      throw new SecretBoxError('not an encrypted secret');
    }
    try {
      const d = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('secret does not open: wrong SECRETS_KEY, wrong row, or tampered');
    }
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${V1}.`) && value.split('.').length === 4;
  }
}
