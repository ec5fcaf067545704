import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';
import { sessions, users } from '../db/schema/accounts.ts';
import { people } from '../db/schema/replicated.ts';
import { browserDevices, operatorPins, tenantSettings } from './accounts.schema.ts';

/** SQL of issue 7 part A: operator PINs, tenant settings, session-bound browser devices. */

export interface PinRow {
  personId: string;
  pinHash: string;
  failures: number;
  lockedUntil: Date | null;
}

/** The PIN row of a person, locked for update (the caller runs in a transaction). */
export async function findPinForUpdate(
  db: Executor,
  tenantId: string,
  personId: string,
): Promise<PinRow | undefined> {
  const rows = await db
    .select({
      personId: operatorPins.personId,
      pinHash: operatorPins.pinHash,
      failures: operatorPins.failures,
      lockedUntil: operatorPins.lockedUntil,
    })
    .from(operatorPins)
    .where(and(eq(operatorPins.tenantId, tenantId), eq(operatorPins.personId, personId)))
    .for('update');
  return rows[0];
}

export async function recordPinAttempt(
  db: Executor,
  tenantId: string,
  personId: string,
  a: { failures: number; lockedUntil: Date | null },
): Promise<void> {
  await db
    .update(operatorPins)
    .set(a)
    .where(and(eq(operatorPins.tenantId, tenantId), eq(operatorPins.personId, personId)));
}

/** Sets (or replaces) a person's PIN and clears their failures. */
export async function upsertPin(
  db: Executor,
  p: { tenantId: string; personId: string; pinHash: string; setBy: string; setAt: Date },
): Promise<void> {
  await db
    .insert(operatorPins)
    .values({ ...p, failures: 0, lockedUntil: null })
    .onConflictDoUpdate({
      target: [operatorPins.tenantId, operatorPins.personId],
      set: { pinHash: p.pinHash, setBy: p.setBy, setAt: p.setAt, failures: 0, lockedUntil: null },
    });
}

export async function deletePin(db: Executor, tenantId: string, personId: string): Promise<boolean> {
  const rows = await db
    .delete(operatorPins)
    .where(and(eq(operatorPins.tenantId, tenantId), eq(operatorPins.personId, personId)))
    .returning({ personId: operatorPins.personId });
  return rows.length > 0;
}

/** Person ids of the tenant that have a PIN. */
export async function listPinPeople(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ personId: operatorPins.personId })
    .from(operatorPins)
    .where(eq(operatorPins.tenantId, tenantId));
  return rows.map((r) => r.personId);
}

/** Whether `personId` is a (not deleted) person of the tenant, as replicated from the tablets. */
export async function personExists(db: Executor, tenantId: string, personId: string): Promise<boolean> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.id, personId), eq(people.deleted, false)));
  return rows.length > 0;
}

export async function findSettings(
  db: Executor,
  tenantId: string,
): Promise<{ operatorIdleMinutes: number } | undefined> {
  const rows = await db
    .select({ operatorIdleMinutes: tenantSettings.operatorIdleMinutes })
    .from(tenantSettings)
    .where(eq(tenantSettings.tenantId, tenantId));
  return rows[0];
}

export async function upsertSettings(
  db: Executor,
  s: { tenantId: string; operatorIdleMinutes: number; updatedBy: string; updatedAt: Date },
): Promise<void> {
  await db
    .insert(tenantSettings)
    .values(s)
    .onConflictDoUpdate({
      target: tenantSettings.tenantId,
      set: { operatorIdleMinutes: s.operatorIdleMinutes, updatedBy: s.updatedBy, updatedAt: s.updatedAt },
    });
}

export async function insertBrowserDevice(
  db: Executor,
  b: { deviceId: string; tenantId: string; sessionId: string },
): Promise<void> {
  await db.insert(browserDevices).values(b);
}

/** Device ids bound to a session (revoked with it). */
export async function browserDevicesOfSession(db: Executor, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ deviceId: browserDevices.deviceId })
    .from(browserDevices)
    .where(eq(browserDevices.sessionId, sessionId));
  return rows.map((r) => r.deviceId);
}

/**
 * For a device bound to a browser session: whether that session is still live (not revoked, not
 * expired, user enabled) and its user still `lead` or higher. `undefined` for an ordinary tablet.
 */
export async function browserDeviceSession(
  db: Executor,
  deviceId: string,
  now: Date,
): Promise<{ live: boolean; role: string | null } | undefined> {
  const rows = await db
    .select({ sessionId: browserDevices.sessionId, liveId: sessions.id, role: users.role })
    .from(browserDevices)
    .leftJoin(
      sessions,
      and(eq(sessions.id, browserDevices.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
    )
    .leftJoin(users, and(eq(users.id, sessions.userId), isNull(users.disabledAt)))
    .where(eq(browserDevices.deviceId, deviceId));
  const r = rows[0];
  if (!r) return undefined;
  return { live: r.liveId !== null && r.role !== null, role: r.role };
}
