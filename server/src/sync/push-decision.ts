import { docsEqual } from '@printfloor/shared/merge';
import type { CollectionKind } from '@printfloor/shared';

/** A document on the wire, collection-agnostic: its zod fields plus `_deleted`. */
export type AnyWireDoc = Record<string, unknown> & { id: string; _deleted: boolean };

export interface AnyPushRow {
  assumedMasterState: AnyWireDoc | null;
  newDocumentState: AnyWireDoc;
}

export interface PushDecision {
  /** Documents to write, one per id, in the order they were accepted (seqs are handed out in this order). */
  accepted: AnyWireDoc[];
  /** Current master states of the rows that conflict (RxDB's push response). */
  conflicts: AnyWireDoc[];
}

/**
 * The push rules, as a pure function of the batch and the current masters (read under the tenant's
 * counter lock):
 * - new state equals the master on client-owned fields and `_deleted` → no-op, no conflict, no new
 *   seq. This makes a replayed push whose response was lost harmless (sync rule 3), and
 *   `serverUpdatedAt` (server-owned) never makes two states differ (rule 4).
 * - no master → insert (whatever the client assumed: the server may have been reset).
 * - mutable: the client's assumed state equals the master → update; otherwise → conflict.
 * - append-only: an existing record is never changed → any different body is a conflict.
 * Rows with the same id later in the batch see the earlier accepted state as their master.
 */
export function decidePush(
  kind: CollectionKind,
  rows: AnyPushRow[],
  masters: Map<string, AnyWireDoc>,
): PushDecision {
  const current = new Map(masters);
  const accepted = new Map<string, AnyWireDoc>();
  const conflicts: AnyWireDoc[] = [];
  for (const { assumedMasterState: assumed, newDocumentState: next } of rows) {
    const master = current.get(next.id);
    if (master !== undefined && docsEqual(master, next)) continue;
    if (master === undefined || (kind === 'mutable' && assumed !== null && docsEqual(master, assumed))) {
      accepted.delete(next.id);
      accepted.set(next.id, next);
      current.set(next.id, next);
    } else {
      conflicts.push(master);
    }
  }
  return { accepted: [...accepted.values()], conflicts };
}

/**
 * The rows a push may try to insert before reading any master: creations (no assumed master)
 * whose id appears once in the batch. Most pushes are exactly that (new step events, spool
 * movements, documents created offline), and an insert that skips existing ids answers "which
 * are new" in the same statement that writes them. Whatever it skips is then decided by
 * `decidePush` against its master as usual.
 */
export function optimisticCreates(rows: AnyPushRow[]): AnyWireDoc[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.newDocumentState.id, (count.get(r.newDocumentState.id) ?? 0) + 1);
  return rows
    .filter((r) => r.assumedMasterState === null && count.get(r.newDocumentState.id) === 1)
    .map((r) => r.newDocumentState);
}
