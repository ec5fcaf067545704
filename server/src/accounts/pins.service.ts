import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { insertAudit } from './accounts.repo.ts';
import { operatorPins } from './accounts.schema.ts';
import { hashPassword, verifyPassword } from './password.ts';
import {
  deletePin,
  findPinForUpdate,
  listPinPeople,
  personExists,
  recordPinAttempt,
  upsertPin,
} from './pins.repo.ts';

/**
 * Operator PINs held by the server (issue 7): one scrypt verifier per person of a tenant, so a PIN
 * follows its person to every tablet, and so does its lockout — five wrong PINs on any tablets
 * lock the person everywhere. Each further round of five locks twice as long (5 min, 10, 20…,
 * at most a day) until a right PIN or a manager's reset clears the count: a 4–6 digit PIN then
 * takes weeks to guess online. Tablets also throttle per device (pins.routes.ts).
 */

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;
const MAX_LOCKOUT_MS = 24 * 60 * 60_000;

/** 4 to 6 digits (the tablet's keypad). */
export const isValidPin = (pin: string) => /^\d{4,6}$/.test(pin);

export type PinVerdict =
  | { ok: true }
  | { ok: false; reason: 'no_pin' }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

export type PinSetResult =
  | { ok: true }
  | { ok: false; reason: 'no_such_person' | 'current_pin_required' }
  | Exclude<PinVerdict, { ok: true } | { reason: 'no_pin' }>;

/** Who asks, for the audit log: `device:<id>` or `user:<id>`, and from where. */
export interface PinActor {
  actor: string;
  ip: string | null;
}

export function lockoutFor(failures: number): number {
  const rounds = Math.floor(failures / PIN_MAX_FAILURES);
  return Math.min(MAX_LOCKOUT_MS, PIN_LOCKOUT_MS * 2 ** Math.max(0, rounds - 1));
}

export class PinsService {
  constructor(
    readonly db: Executor,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** People of the tenant who have a PIN (the tablet shows the keypad for them). */
  people(tenantId: string): Promise<string[]> {
    return withTenant(this.db, tenantId, (tx) => listPinPeople(tx, tenantId));
  }

  /**
   * Checks a PIN. The scrypt work runs outside any transaction (PGlite serialises them, and sync
   * must not wait on it); the failure count is then bumped atomically in SQL, so concurrent wrong
   * guesses from several tablets all count.
   */
  async verify(tenantId: string, personId: string, pin: string, who: PinActor): Promise<PinVerdict> {
    const row = await withTenant(this.db, tenantId, (tx) => findPinForUpdate(tx, tenantId, personId));
    const audit = (action: string, after?: unknown) =>
      insertAudit(this.db, { tenantId, ...who, action, target: `person:${personId}`, after });
    if (!row) {
      await audit('pin.failure', { reason: 'no_pin' });
      return { ok: false, reason: 'no_pin' };
    }
    const now = this.now();
    if (row.lockedUntil && row.lockedUntil > now) {
      await audit('pin.locked', { lockedUntil: row.lockedUntil.toISOString() });
      return { ok: false, reason: 'locked', lockedUntil: row.lockedUntil };
    }
    if (isValidPin(pin) && (await verifyPassword(pin, row.pinHash))) {
      await withTenant(this.db, tenantId, (tx) =>
        recordPinAttempt(tx, tenantId, personId, { failures: 0, lockedUntil: null }),
      );
      await audit('pin.success');
      return { ok: true };
    }
    const failures = await this.#countFailure(tenantId, personId, now);
    if (failures % PIN_MAX_FAILURES === 0) {
      const lockedUntil = new Date(now.getTime() + lockoutFor(failures));
      await audit('pin.failure', { failures, lockedUntil: lockedUntil.toISOString() });
      return { ok: false, reason: 'locked', lockedUntil };
    }
    const attemptsLeft = PIN_MAX_FAILURES - (failures % PIN_MAX_FAILURES);
    await audit('pin.failure', { failures, attemptsLeft });
    return { ok: false, reason: 'wrong', attemptsLeft };
  }

  async #countFailure(tenantId: string, personId: string, now: Date): Promise<number> {
    return withTenant(this.db, tenantId, async (tx) => {
      const where = and(eq(operatorPins.tenantId, tenantId), eq(operatorPins.personId, personId));
      const rows = await tx
        .update(operatorPins)
        .set({ failures: sql`${operatorPins.failures} + 1` })
        .where(where)
        .returning({ failures: operatorPins.failures });
      const failures = rows[0]?.failures ?? PIN_MAX_FAILURES;
      if (failures % PIN_MAX_FAILURES === 0) {
        await tx
          .update(operatorPins)
          .set({ lockedUntil: new Date(now.getTime() + lockoutFor(failures)) })
          .where(where);
      }
      return failures;
    });
  }

  /**
   * The operator sets their PIN from a tablet. A first PIN needs only the tablet (the person signed
   * in there by badge); changing one needs the current PIN, checked (and counted) like a sign-in,
   * so this is no way around the lockout. A forgotten PIN is reset by a manager (`reset`).
   */
  async set(
    tenantId: string,
    personId: string,
    pin: string,
    currentPin: string | undefined,
    who: PinActor,
  ): Promise<PinSetResult> {
    if (!isValidPin(pin)) throw new Error('a PIN is 4 to 6 digits');
    const known = await withTenant(this.db, tenantId, (tx) => personExists(tx, tenantId, personId));
    if (!known) return { ok: false, reason: 'no_such_person' };
    const existing = await withTenant(this.db, tenantId, (tx) => findPinForUpdate(tx, tenantId, personId));
    if (existing) {
      if (currentPin === undefined) return { ok: false, reason: 'current_pin_required' };
      const v = await this.verify(tenantId, personId, currentPin, who);
      if (!v.ok) return v.reason === 'no_pin' ? { ok: false, reason: 'current_pin_required' } : v;
    }
    const pinHash = await hashPassword(pin);
    await withTenant(this.db, tenantId, (tx) =>
      upsertPin(tx, { tenantId, personId, pinHash, setBy: who.actor, setAt: this.now() }),
    );
    await insertAudit(this.db, {
      tenantId,
      ...who,
      action: existing ? 'pin.changed' : 'pin.set',
      target: `person:${personId}`,
    });
    return { ok: true };
  }

  /** A manager clears a person's PIN and lockout: the person sets a new one after a badge sign-in. */
  async reset(tenantId: string, personId: string, who: PinActor): Promise<boolean> {
    const gone = await withTenant(this.db, tenantId, (tx) => deletePin(tx, tenantId, personId));
    if (gone) {
      await insertAudit(this.db, { tenantId, ...who, action: 'pin.reset', target: `person:${personId}` });
    }
    return gone;
  }
}
