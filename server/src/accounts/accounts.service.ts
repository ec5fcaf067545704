import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Executor } from '../db/executor.ts';
import { findTenantBySlug } from '../admin/tenants.repo.ts';
import { hashToken } from '../auth/tokens.ts';
import {
  countUsers,
  findLiveSession,
  findUser,
  findUserInTenant,
  findUsersByEmail,
  insertAudit,
  insertCode,
  insertSession,
  insertUser,
  lockActiveAdmins,
  redeemCode,
  revokeSession,
  revokeUserSessions,
  setPasswordHash,
  updateUserRow,
} from './accounts.repo.ts';
import type { AuditEntry, SessionWithUser, UserRow } from './accounts.repo.ts';
import {
  decoyHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from './password.ts';
import { ROLES } from './roles.ts';
import type { Role } from './roles.ts';

/** How long a sign-in lasts (absolute; a shift and a half). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** How long the first-run setup link works. */
export const SETUP_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an email address');
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);
export const roleSchema = z.enum(ROLES);

export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    readonly code:
      | 'invalid_credentials'
      | 'tenant_required'
      | 'invalid_code'
      | 'user_exists'
      | 'no_such_user'
      | 'no_such_tenant'
      | 'last_admin',
    message: string,
  ) {
    super(message);
  }
}

/** What an admin sees of a user, and what the audit log keeps before/after a change. */
export interface UserView {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
}

const userView = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  role: u.role,
  disabled: u.disabledAt !== null,
});

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; email: string; role: Role };
  tenantId: string;
}

/** A random secret for cookies, CSRF tokens and one-time codes (32 bytes, base64url). */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Users, sign-in sessions and the first-run setup code (issue 7). */
export class AccountsService {
  constructor(
    readonly db: Executor,
    readonly now: () => Date = () => new Date(),
  ) {}

  audit(e: AuditEntry): Promise<void> {
    return insertAudit(this.db, e);
  }

  async createUser(tenantId: string, email: string, role: Role, password: string): Promise<UserRow> {
    const clean = emailSchema.parse(email);
    passwordSchema.parse(password);
    if ((await findUsersByEmail(this.db, clean, tenantId)).length > 0) {
      throw new AccountError('user_exists', `a user ${clean} already exists in this tenant`);
    }
    return insertUser(this.db, { tenantId, email: clean, role, passwordHash: await hashPassword(password) });
  }

  /** A new password; every open session of the user ends. */
  async resetPassword(tenantId: string, email: string, password: string): Promise<UserRow> {
    passwordSchema.parse(password);
    const [user] = await findUsersByEmail(this.db, emailSchema.parse(email), tenantId);
    if (!user) throw new AccountError('no_such_user', `no user ${email} in this tenant`);
    await setPasswordHash(this.db, user.id, await hashPassword(password));
    await revokeUserSessions(this.db, user.id, this.now());
    return user;
  }

  /**
   * An admin changes a user's role and/or disables or enables them. The tenant keeps at least one
   * enabled admin (`last_admin`). A changed user's open sessions end: a disabled user is out at once,
   * and a browser never goes on showing a role the user no longer has.
   */
  async updateUser(
    tenantId: string,
    userId: string,
    change: { role?: Role; disabled?: boolean },
  ): Promise<{ before: UserView; after: UserView }> {
    return this.db.transaction(async (tx) => {
      const admins = await lockActiveAdmins(tx, tenantId);
      const user = await findUserInTenant(tx, userId, tenantId);
      if (!user) throw new AccountError('no_such_user', 'no such user in this tenant');
      const before = userView(user);
      const after: UserView = {
        ...before,
        role: change.role ?? before.role,
        disabled: change.disabled ?? before.disabled,
      };
      const wasActiveAdmin = before.role === 'admin' && !before.disabled;
      const staysActiveAdmin = after.role === 'admin' && !after.disabled;
      if (wasActiveAdmin && !staysActiveAdmin && admins.filter((id) => id !== userId).length === 0) {
        throw new AccountError('last_admin', 'the shop needs at least one enabled admin');
      }
      if (after.role === before.role && after.disabled === before.disabled) return { before, after };
      await updateUserRow(tx, userId, {
        role: after.role,
        disabledAt: after.disabled ? (user.disabledAt ?? this.now()) : null,
      });
      await revokeUserSessions(tx, userId, this.now());
      return { before, after };
    });
  }

  /** An admin sets a user's password; every open session of that user ends. */
  async setPassword(tenantId: string, userId: string, password: string): Promise<UserView> {
    passwordSchema.parse(password);
    const user = await findUserInTenant(this.db, userId, tenantId);
    if (!user) throw new AccountError('no_such_user', 'no such user in this tenant');
    await setPasswordHash(this.db, user.id, await hashPassword(password));
    await revokeUserSessions(this.db, user.id, this.now());
    return userView(user);
  }

  /**
   * Checks email + password (in `tenantSlug`, or the only tenant that has this email) and opens a
   * session. Unknown email, wrong password and disabled user all fail alike, after the same scrypt work.
   */
  async login(email: string, password: string, tenantSlug?: string): Promise<NewSession> {
    const clean = email.trim().toLowerCase();
    let tenantId: string | undefined;
    if (tenantSlug !== undefined) tenantId = (await findTenantBySlug(this.db, tenantSlug))?.id ?? '';
    const candidates = tenantId === '' ? [] : await findUsersByEmail(this.db, clean, tenantId);
    if (candidates.length > 1) {
      throw new AccountError(
        'tenant_required',
        'this email has accounts in several shops: give the shop (tenant)',
      );
    }
    const user = candidates[0];
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok || user.disabledAt) {
      throw new AccountError('invalid_credentials', 'wrong email or password');
    }
    return this.openSession(user);
  }

  async openSession(user: UserRow): Promise<NewSession> {
    const token = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(this.now().getTime() + SESSION_TTL_MS);
    await insertSession(this.db, {
      id: hashToken(token),
      tenantId: user.tenantId,
      userId: user.id,
      csrfToken,
      expiresAt,
    });
    return {
      token,
      csrfToken,
      expiresAt,
      user: { id: user.id, email: user.email, role: user.role },
      tenantId: user.tenantId,
    };
  }

  session(token: string): Promise<SessionWithUser | undefined> {
    return findLiveSession(this.db, hashToken(token), this.now());
  }

  logout(sessionId: string): Promise<void> {
    return revokeSession(this.db, sessionId, this.now());
  }

  /** Whether any user exists anywhere (none → the first-run setup link is offered). */
  async hasUsers(): Promise<boolean> {
    return (await countUsers(this.db)) > 0;
  }

  /** A one-time setup code for `tenantId`; only its hash is stored. */
  async createSetupCode(tenantId: string): Promise<string> {
    const code = randomSecret();
    await insertCode(this.db, {
      codeHash: hashToken(code),
      kind: 'setup',
      tenantId,
      createdBy: null,
      expiresAt: new Date(this.now().getTime() + SETUP_CODE_TTL_MS),
    });
    return code;
  }

  /** Redeems the setup code (once) and creates the first admin of its tenant. */
  async completeSetup(code: string, email: string, password: string): Promise<UserRow> {
    const cleanEmail = emailSchema.parse(email);
    passwordSchema.parse(password);
    return this.db.transaction(async (tx) => {
      const redeemed = await redeemCode(tx, hashToken(code), 'setup', this.now());
      if (!redeemed) throw new AccountError('invalid_code', 'this setup link is invalid, used or expired');
      const passwordHash = await hashPassword(password);
      return insertUser(tx, { tenantId: redeemed.tenantId, email: cleanEmail, role: 'admin', passwordHash });
    });
  }

  findUser(id: string): Promise<UserRow | undefined> {
    return findUser(this.db, id);
  }
}
