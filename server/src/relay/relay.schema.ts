import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PrinterStatus } from '@printfloor/shared';

/**
 * Server-only tables of the printer relay (never replicated to tablets). `tenant_id` scopes every
 * row like the rest of the server's tables; printers are named by their code, which is what the
 * MQTT topics carry.
 */

/** Latest status per printer: written on every state change and at a bounded rate otherwise. */
export const printerStatus = pgTable(
  'printer_status',
  {
    tenantId: uuid('tenant_id').notNull(),
    printerCode: text('printer_code').notNull(),
    state: text('state').notNull(),
    status: jsonb('status').$type<PrinterStatus>().notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true, mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'printer_status_pkey', columns: [t.tenantId, t.printerCode] })],
);

/** Append-only log of state changes (print started, paused, finished, failed, error, offline …). */
export const printerEvents = pgTable(
  'printer_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    printerCode: text('printer_code').notNull(),
    /** `printers.id` when the relay knows it (codes can be renamed, ids cannot). */
    printerId: text('printer_id'),
    kind: text('kind').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    jobName: text('job_name'),
    /** The step (operation) running on the printer when the change happened; linked later. */
    operationId: text('operation_id'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    status: jsonb('status').$type<PrinterStatus>().notNull(),
  },
  (t) => [
    index('printer_events_printer_at_idx').on(t.tenantId, t.printerCode, t.at),
    // The manager's printer history finds a printer's events by id: a renamed printer keeps them.
    index('printer_events_printer_id_at_idx').on(t.tenantId, t.printerId, t.at),
  ],
);

/**
 * How to reach each printer (`printers.id`; code, protocol, serial and model come from the
 * replicated `printers` row). Secrets (the Bambu LAN access code) stay on the server: this table is
 * never replicated and its rows never leave the relay.
 */
export const printerConnections = pgTable(
  'printer_connections',
  {
    tenantId: uuid('tenant_id').notNull(),
    printerId: text('printer_id').notNull(),
    /** Bambu: printer host for the direct TLS connection; null = read it through the site broker. */
    host: text('host'),
    port: integer('port'),
    accessCode: text('access_code'),
    /** PEM CA certificate(s) replacing the default Bambu CA for this printer. */
    caPem: text('ca_pem'),
    /** OctoPrint base topic or Moonraker instance name. */
    baseTopic: text('base_topic'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'printer_connections_pkey', columns: [t.tenantId, t.printerId] })],
);
