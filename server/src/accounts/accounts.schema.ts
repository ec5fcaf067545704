import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessions } from '../db/schema/accounts.ts';
import { devices, tenants } from '../db/schema/server.ts';

/** Server-only tables of issue 7 part A (migration 0005): operator PINs, tenant settings, browser devices. */

/**
 * One PIN verifier per person of a tenant (`people.id`; no hard foreign key: people are replicated
 * and may arrive after). `pin_hash` is `scrypt$N$r$p$salt$hash` (accounts/password.ts). The failure
 * count and lockout live here so that five wrong PINs lock the person on every tablet.
 */
export const operatorPins = pgTable(
  'operator_pins',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    personId: text('person_id').notNull(),
    pinHash: text('pin_hash').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    /** `device:<id>` (the operator on a tablet) or `user:<id>` (a manager's reset). */
    setBy: text('set_by').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.personId] })],
);

/** Settings a manager sets for the whole shop. */
export const tenantSettings = pgTable('tenant_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  /** Minutes without an action before the tablet signs its operator out. */
  operatorIdleMinutes: integer('operator_idle_minutes').notNull().default(30),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * A manager's desktop browser syncs like a tablet, with a device token issued to its sign-in
 * session: the token is refused as soon as that session ends (sign-out, expiry, password reset).
 */
export const browserDevices = pgTable(
  'browser_devices',
  {
    deviceId: uuid('device_id')
      .primaryKey()
      .references(() => devices.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
  },
  (t) => [index('browser_devices_session_idx').on(t.sessionId)],
);
