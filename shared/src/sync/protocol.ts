import { z } from 'zod';
import type { CollectionDef, CollectionName, DocOf } from '../collections.ts';

/** Largest push batch the server accepts; larger ones get 413 and write nothing. */
export const MAX_PUSH_BATCH = 500;
/** Largest page a pull returns. */
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 500;

/** A document as it travels: its fields plus the tombstone flag (DESIGN.md sync rule 5). */
export type WireDoc<N extends CollectionName> = DocOf<N> & { _deleted: boolean };

/** Server-assigned, per-tenant, monotonically increasing sequence (sync rule 1). */
export const checkpointSchema = z.strictObject({ seq: z.int().min(0) });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export interface PullResponse<D = unknown> {
  documents: D[];
  checkpoint: Checkpoint;
}

export interface PushRow<D = unknown> {
  assumedMasterState: D | null;
  newDocumentState: D;
}

/** Stream message: a collection has changes up to `checkpoint`, or RESYNC (pull everything from your checkpoints). */
export type StreamMessage = { collection: CollectionName; checkpoint: Checkpoint } | 'RESYNC';

/** The one error envelope of every API response that is not a success. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** zod schema of a document on the wire, derived from the collection's schema. */
export function wireDocSchema<S extends z.ZodObject>(def: CollectionDef<S>) {
  return def.schema.extend({ _deleted: z.boolean() });
}

/** zod schema of a push body for a collection. */
export function pushBodySchema<S extends z.ZodObject>(def: CollectionDef<S>) {
  const doc = wireDocSchema(def);
  return z
    .array(z.strictObject({ assumedMasterState: doc.nullable(), newDocumentState: doc }))
    .max(MAX_PUSH_BATCH);
}

export const pullQuerySchema = z.object({
  seq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
