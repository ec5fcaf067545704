import { z } from 'zod';

/** Primary key of every replicated document: a client-generated unique id (UUID or ULID). */
export const docId = z.string().min(1).max(64);
/** A reference to another document's id; `''` means "none" (RxDB's Dexie storage cannot index null). */
export const ref = z.string().max(64);
/** A timestamp as an ISO-8601 string. Device clocks drift: never used for sync ordering. */
export const isoTime = z.string().min(10).max(40);
/** A calendar date `YYYY-MM-DD`, or `''` when none is set (kept non-null so it can be indexed). */
export const isoDateOrEmpty = z.string().max(10).regex(/^(\d{4}-\d{2}-\d{2})?$/);
export const shortText = z.string().max(200);
export const longText = z.string().max(4000);
export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const grams = z.number().min(-1_000_000).max(1_000_000);
export const qty = z.int().min(0).max(10_000_000);

/**
 * Fields every mutable document carries. `updatedAt`/`updatedBy` are written by the device that
 * made the edit (informational); `serverUpdatedAt` is owned by the server, stamped on every accepted
 * write, and never takes part in conflict detection (DESIGN.md sync rule 4).
 */
export const mutableMeta = {
  id: docId,
  updatedAt: isoTime,
  updatedBy: z.string().max(64),
  serverUpdatedAt: isoTime.nullable(),
};

/** Fields every append-only record carries: who wrote it, on which device, when (device time). */
export const eventMeta = {
  id: docId,
  at: isoTime,
  operatorId: ref,
  deviceId: z.string().max(64),
  serverUpdatedAt: isoTime.nullable(),
};

/** Field names the server owns; excluded from conflict comparison and from the field merge. */
export const SERVER_OWNED_FIELDS = ['serverUpdatedAt'] as const;
