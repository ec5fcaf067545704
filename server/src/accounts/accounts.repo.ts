import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';
import { auditLog, oneTimeCodes, sessions, users } from '../db/schema/accounts.ts';
import { tenants } from '../db/schema/server.ts';
import type { Role } from './roles.ts';

/** SQL of accounts (issue 7): users, sessions, one-time codes, audit entries. */

export interface UserRow {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  passwordHash: string;
  disabledAt: Date | null;
}

const userCols = {
  id: users.id,
  tenantId: users.tenantId,
  email: users.email,
  role: users.role,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
};

export async function insertUser(
  db: Executor,
  u: { tenantId: string; email: string; role: Role; passwordHash: string },
): Promise<UserRow> {
  const row = { id: randomUUID(), ...u };
  await db.insert(users).values(row);
  return { ...row, disabledAt: null };
}

/** Users with this (lower-cased) email, in one tenant or in all of them. */
export async function findUsersByEmail(db: Executor, email: string, tenantId?: string): Promise<UserRow[]> {
  const where = tenantId ? and(eq(users.email, email), eq(users.tenantId, tenantId)) : eq(users.email, email);
  return (await db.select(userCols).from(users).where(where)) as UserRow[];
}

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await db.select(userCols).from(users).where(eq(users.id, id));
  return rows[0] as UserRow | undefined;
}

export async function setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function countUsers(db: Executor): Promise<number> {
  const rows = await db.select({ n: count() }).from(users);
  return rows[0]?.n ?? 0;
}

export async function insertSession(
  db: Executor,
  s: { id: string; tenantId: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(s);
}

export interface SessionWithUser {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; email: string; role: Role };
  tenant: { id: string; slug: string; name: string };
}

/** A live session (not revoked, not expired, user not disabled) with its user and tenant. */
export async function findLiveSession(
  db: Executor,
  id: string,
  now: Date,
): Promise<SessionWithUser | undefined> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      role: users.role,
      tenantId: tenants.id,
      slug: tenants.slug,
      tenantName: tenants.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(
      and(
        eq(sessions.id, id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    );
  const r = rows[0];
  if (!r) return undefined;
  return {
    sessionId: r.sessionId,
    csrfToken: r.csrfToken,
    expiresAt: r.expiresAt,
    user: { id: r.userId, email: r.email, role: r.role as Role },
    tenant: { id: r.tenantId, slug: r.slug, name: r.tenantName },
  };
}

export async function revokeSession(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Every open session of a user ends (password reset, user disabled). */
export async function revokeUserSessions(db: Executor, userId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export type CodeKind = 'setup' | 'pairing';

export async function insertCode(
  db: Executor,
  c: { codeHash: string; kind: CodeKind; tenantId: string; createdBy: string | null; expiresAt: Date },
): Promise<void> {
  await db.insert(oneTimeCodes).values(c);
}

/**
 * Marks an unused, unexpired code used and returns it — atomically, so two racing redemptions of
 * one code cannot both succeed.
 */
export async function redeemCode(
  db: Executor,
  codeHash: string,
  kind: CodeKind,
  now: Date,
): Promise<{ tenantId: string; createdBy: string | null } | undefined> {
  const rows = await db
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeCodes.codeHash, codeHash),
        eq(oneTimeCodes.kind, kind),
        isNull(oneTimeCodes.usedAt),
        gt(oneTimeCodes.expiresAt, now),
      ),
    )
    .returning({ tenantId: oneTimeCodes.tenantId, createdBy: oneTimeCodes.createdBy });
  return rows[0];
}

export async function linkCodeDevice(db: Executor, codeHash: string, deviceId: string): Promise<void> {
  await db.update(oneTimeCodes).set({ deviceId }).where(eq(oneTimeCodes.codeHash, codeHash));
}

export interface AuditEntry {
  tenantId: string | null;
  actor: string;
  action: string;
  target?: string | null;
  ip?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function insertAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: randomUUID(),
    tenantId: e.tenantId,
    actor: e.actor,
    action: e.action,
    target: e.target ?? null,
    ip: e.ip ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

export async function listAudit(db: Executor, tenantId: string, limit = 100) {
  return db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.at).limit(limit);
}

export async function findTenantById(
  db: Executor,
  id: string,
): Promise<{ id: string; slug: string; name: string } | undefined> {
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, id));
  return rows[0];
}

export async function listUsers(db: Executor, tenantId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.tenantId, tenantId))
    .orderBy(users.email);
}

export async function findUserInTenant(
  db: Executor,
  id: string,
  tenantId: string,
): Promise<UserRow | undefined> {
  const rows = await db
    .select(userCols)
    .from(users)
    .where(and(eq(users.id, id), eq(users.tenantId, tenantId)));
  return rows[0] as UserRow | undefined;
}

/**
 * Ids of the tenant's enabled admins, their rows locked until the transaction ends: two admins
 * demoting each other at once cannot both pass the last-admin check.
 */
export async function lockActiveAdmins(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'admin'), isNull(users.disabledAt)))
    .for('update');
  return rows.map((r) => r.id);
}

export async function updateUserRow(
  db: Executor,
  id: string,
  set: { role?: Role; disabledAt?: Date | null },
): Promise<void> {
  await db.update(users).set(set).where(eq(users.id, id));
}
