import type { CollectionName } from '../collections.ts';

/**
 * How the audit log (`GET /api/manage/audit`) names what its entries mention. An entry's actor is
 * one or more tokens (`device:<id> operator:<personId>`, `user:<id>`, `system`, …) and its target
 * one token (`work_orders/<id>`, `user:<id>`, `person:<id>`, …); the response's `names` maps such
 * tokens to what a person reads (an email, a tablet's name, a work order's code). The server looks
 * the names up and the manager's page shows them, both through these functions.
 */

/** One entry of the audit log as `GET /api/manage/audit` sends it (`at` is ISO UTC). */
export interface AuditEntry {
  id: string;
  at: string;
  /** One or more tokens: `device:<id> operator:<personId>`, `user:<id>`, `system`, … */
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Fields of mutable documents that hold another document's id (`''` = none), and that document's
 * collection: a change of one in an audit entry's before/after is named like a target.
 */
export const REF_FIELD_COLLECTIONS = {
  partId: 'parts',
  workOrderId: 'work_orders',
  operationId: 'operations',
  workCenterId: 'work_centers',
  printerId: 'printers',
  loadedPrinterId: 'printers',
  spoolId: 'spools',
} as const satisfies Record<string, CollectionName>;

/** Fields of non-document entries that hold a user id (`device.paired`: who issued the pairing code). */
const USER_FIELDS = new Set(['pairingCodeBy']);

/** The tokens of an actor: `device:<id> operator:<personId>` → both parts; `system` → itself. */
export function actorTokens(actor: string): string[] {
  return actor.split(' ').filter((t) => t !== '');
}

/**
 * The `names` key of a before/after value that refers to a record (`printers/<id>` for a
 * `loadedPrinterId`, `user:<id>` for a `pairingCodeBy`); undefined for plain values and for `''`.
 */
export function auditValueRef(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (Object.hasOwn(REF_FIELD_COLLECTIONS, field)) {
    return `${REF_FIELD_COLLECTIONS[field as keyof typeof REF_FIELD_COLLECTIONS]}/${value}`;
  }
  return USER_FIELDS.has(field) ? `user:${value}` : undefined;
}
