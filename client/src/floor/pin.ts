import { type KeyValue, readJson } from './key-value.ts';
import { pbkdf2Sha256 } from './pbkdf2.ts';

/**
 * This tablet's cache of PIN verifiers: the offline fallback of server-checked PINs (issue 7,
 * floor/pin-server.ts holds the policy and the trade-off). Whenever the server accepts a PIN on this
 * tablet, its verifier — PBKDF2-SHA256, per-person random salt, never the PIN — is kept here in
 * localStorage, so the same person can sign in with it while the Wi-Fi is down. Offline, five wrong
 * PINs lock that person's PIN here for five minutes (online the server's shared count rules). A
 * 4–6 digit PIN cannot resist an offline brute force by whoever holds the tablet's storage,
 * whatever the hash; the badge remains the strong factor.
 */

export const PIN_ITERATIONS = 60_000;
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface PinRecord {
  /** Hex salt, 16 random bytes. */
  salt: string;
  iterations: number;
  /** Hex PBKDF2-SHA256 output, 32 bytes. */
  hash: string;
  setAt: string;
  /** Person id of whoever set it (the person themself, or a lead). */
  setBy: string;
}

interface Attempts {
  failures: number;
  lockedUntil: number;
}

type Records = Record<string, PinRecord>;
type AttemptMap = Record<string, Attempts>;

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'no-pin' | 'wrong' | 'locked'; attemptsLeft: number; lockedUntil: number | null };

/** 4 to 6 digits. */
export function isValidPin(pin: string): boolean {
  return /^\d{4,6}$/.test(pin);
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (s: string) => new Uint8Array((s.match(/../g) ?? []).map((x) => parseInt(x, 16)));

export async function hashPin(pin: string, salt: Uint8Array, iterations = PIN_ITERATIONS): Promise<string> {
  return hex(await pbkdf2Sha256(new TextEncoder().encode(pin), salt, iterations));
}

/** Compares in time independent of where the strings differ. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class PinStore {
  private readonly recordsKey: string;
  private readonly attemptsKey: string;

  constructor(
    private readonly kv: KeyValue,
    tenantSlug: string,
    private readonly now: () => number = Date.now,
    private readonly iterations = PIN_ITERATIONS,
  ) {
    this.recordsKey = `printfloor.pins.v1.${tenantSlug}`;
    this.attemptsKey = `printfloor.pin-attempts.v1.${tenantSlug}`;
  }

  has(personId: string): boolean {
    return personId in this.records();
  }

  /** Person ids with a PIN on this tablet. */
  people(): string[] {
    return Object.keys(this.records());
  }

  async set(personId: string, pin: string, setBy: string): Promise<void> {
    if (!isValidPin(pin)) throw new Error('a PIN is 4 to 6 digits');
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const record: PinRecord = {
      salt: hex(salt),
      iterations: this.iterations,
      hash: await hashPin(pin, salt, this.iterations),
      setAt: new Date(this.now()).toISOString(),
      setBy,
    };
    this.kv.set(this.recordsKey, JSON.stringify({ ...this.records(), [personId]: record }));
    this.writeAttempts(personId, null);
  }

  remove(personId: string): void {
    const { [personId]: _gone, ...rest } = this.records();
    this.kv.set(this.recordsKey, JSON.stringify(rest));
  }

  async verify(personId: string, pin: string): Promise<PinCheck> {
    const record = this.records()[personId];
    if (!record) return { ok: false, reason: 'no-pin', attemptsLeft: 0, lockedUntil: null };
    const now = this.now();
    const a = this.attempts()[personId] ?? { failures: 0, lockedUntil: 0 };
    if (a.lockedUntil > now)
      return { ok: false, reason: 'locked', attemptsLeft: 0, lockedUntil: a.lockedUntil };
    const failures = a.lockedUntil > 0 ? 0 : a.failures; // a served lockout starts a fresh count
    const hash = await hashPin(pin, unhex(record.salt), record.iterations);
    if (isValidPin(pin) && sameHex(hash, record.hash)) {
      this.writeAttempts(personId, null);
      return { ok: true };
    }
    const n = failures + 1;
    if (n >= MAX_FAILURES) {
      const lockedUntil = now + LOCKOUT_MS;
      this.writeAttempts(personId, { failures: n, lockedUntil });
      return { ok: false, reason: 'locked', attemptsLeft: 0, lockedUntil };
    }
    this.writeAttempts(personId, { failures: n, lockedUntil: 0 });
    return { ok: false, reason: 'wrong', attemptsLeft: MAX_FAILURES - n, lockedUntil: null };
  }

  private records(): Records {
    return readJson<Records>(this.kv, this.recordsKey, {}, (v): v is Records => isObject(v));
  }

  private attempts(): AttemptMap {
    return readJson<AttemptMap>(this.kv, this.attemptsKey, {}, (v): v is AttemptMap => isObject(v));
  }

  private writeAttempts(personId: string, a: Attempts | null): void {
    const { [personId]: _old, ...rest } = this.attempts();
    this.kv.set(this.attemptsKey, JSON.stringify(a ? { ...rest, [personId]: a } : rest));
  }
}
