import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { docsEqual, mergeDocuments, type CollectionDef } from '@printfloor/shared';

type Doc = Record<string, unknown>;

/**
 * Mutable documents: equal when their client-owned fields are (server-stamped fields never make a
 * false conflict, DESIGN.md sync rule 4); a real conflict merges field by field with the assumed
 * master state as the base. The shared merge is symmetric, so both tablets reach the same result.
 */
export const mergingConflictHandler: RxConflictHandler<Doc> = {
  isEqual: (a, b) => docsEqual(a, b),
  resolve: (i) => Promise.resolve(mergeConflict(i).merged),
};

/**
 * Append-only records are written once; a replay of the same record is equal. A different body
 * under the same id is impossible for a well-behaved client (ids are random UUIDs) — the master wins.
 */
export const masterWinsConflictHandler: RxConflictHandler<Doc> = {
  isEqual: (a, b) => docsEqual(a, b),
  resolve: (i) => Promise.resolve(i.realMasterState),
};

/** The merge RxDB's resolve runs; the sync engine runs it again on `conflict$` to log the clashes. */
export function mergeConflict(i: RxConflictHandlerInput<Doc>): { merged: WithDeleted<Doc>; clashes: string[] } {
  const { merged, clashes } = mergeDocuments<Doc>(i.assumedMasterState ?? null, i.newDocumentState, i.realMasterState);
  return { merged: merged as WithDeleted<Doc>, clashes };
}

export function conflictHandlerFor(def: CollectionDef): RxConflictHandler<Doc> {
  return def.kind === 'mutable' ? mergingConflictHandler : masterWinsConflictHandler;
}
