import { createHash, randomBytes } from 'node:crypto';

/** Prefix that makes a leaked token recognisable (secret scanners, logs). */
const PREFIX = 'pfd_';

/** A new device token: 32 random bytes, base64url. Shown once; only its hash is stored. */
export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** hex sha256 of the token: what `devices.token_hash` holds. A fast hash suffices for 256-bit random secrets. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
