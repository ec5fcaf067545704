import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Server-only tables: never replicated to tablets. */

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  /** URL- and CLI-friendly name (`acme`), unique. */
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An enrolled tablet. Only the sha256 of its token is stored; the token is shown once. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** hex sha256 of the 32-byte random token. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /**
     * The tablet's latest heartbeat as stored (server/src/tablets/): when the server stored it, and
     * what it said — the tablet's last complete sync (its device time), edits waiting, app build.
     * Written at a bounded rate (tablet-status.ts), so it may trail the newest heartbeat a little.
     */
    lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true }),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    pendingEdits: integer('pending_edits'),
    appVersion: text('app_version'),
  },
  (t) => [index('devices_tenant_idx').on(t.tenantId)],
);

/**
 * The per-tenant sequence (sync rule 1). A push locks this row for its whole transaction, so one
 * tenant's writers serialize on it and commit order equals seq order (rule 2).
 */
export const syncCounters = pgTable('sync_counters', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
});
