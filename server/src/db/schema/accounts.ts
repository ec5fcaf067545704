import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { devices, tenants } from './server.ts';

/** Accounts, sessions and one-time codes (issue 7). Server-only: never replicated to tablets. */

/** A person who signs in to the manager view. `email` is stored lower-cased; unique per tenant. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    /** operator < lead < manager < admin (accounts/roles.ts). */
    role: text('role').notNull(),
    /** `scrypt$N$r$p$<salt b64>$<hash b64>` (accounts/password.ts): parameters travel with the hash. */
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_tenant_email_idx').on(t.tenantId, t.email),
    index('users_email_idx').on(t.email),
    check('users_role_check', sql`${t.role} in ('operator', 'lead', 'manager', 'admin')`),
  ],
);

/**
 * A signed-in browser. The cookie holds a random token; only its sha256 is stored (`id`), so a
 * leaked table cannot be replayed. Revoked or expired rows are refused server-side.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Sent to the client in the session body; echoed in `x-printfloor-csrf` on every cookie-authenticated write. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * One-time codes: the first-run setup link (`setup`, creates the first admin) and tablet pairing
 * (`pairing`, 10 minutes). Only the sha256 of the code is stored; `used_at` makes it single-use.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    kind: text('kind').notNull(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Pairing: the device it made. */
    deviceId: uuid('device_id').references(() => devices.id),
  },
  (t) => [check('one_time_codes_kind_check', sql`${t.kind} in ('setup', 'pairing')`)],
);

/** Who did what, when: sign-ins and failures, pairing, user and device changes (append-only). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    /** Null for events before a tenant is known (a sign-in with an unknown email). */
    tenantId: uuid('tenant_id').references(() => tenants.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** `user:<id>`, `device:<id>`, `cli`, `anonymous`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** What it acted on, e.g. `user:<id>`, `device:<id>`. */
    target: text('target'),
    ip: text('ip'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_log_tenant_at_idx').on(t.tenantId, t.at)],
);
