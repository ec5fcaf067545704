import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import type { CollectionName, PushRow } from '@printfloor/shared';
import type { ApiClient } from './api-client.ts';
import type { SyncJournal } from './journal.ts';
import { SyncHttpError } from './sync-errors.ts';
import { fromWire } from './wire.ts';

type Doc = Record<string, unknown>;
type Row = RxReplicationWriteToMasterRow<Doc>;

export interface PushDeps {
  api: ApiClient;
  journal: SyncJournal;
  /** Told about every failure (for the sync indicator) before it is rethrown or parked. */
  onFailure: (collection: CollectionName, err: SyncHttpError) => void;
  onSuccess: (collection: CollectionName) => void;
}

/**
 * Pushes rows; returns the master states of the rows that conflict. Retryable and blocked failures
 * are rethrown (RxDB retries the whole batch after `retryTime`; the server treats replays as no-ops).
 * A fatal 4xx means something in the batch is invalid: the batch is split in halves until the
 * offending rows are alone, and only those are parked in the journal (shown to the user) — the
 * valid edits around them still go through.
 */
export async function pushRows(deps: PushDeps, name: CollectionName, rows: Row[]): Promise<WithDeleted<Doc>[]> {
  const wire: PushRow<Doc>[] = rows.map((r) => ({
    assumedMasterState: r.assumedMasterState ?? null,
    newDocumentState: r.newDocumentState,
  }));
  try {
    const conflicts = await deps.api.push(name, wire);
    deps.onSuccess(name);
    const conflictIds = new Set(conflicts.map((c) => String(c.id)));
    await deps.journal.acknowledge(
      name,
      rows.map((r) => r.newDocumentState).filter((d) => !conflictIds.has(String(d.id))),
    );
    return conflicts.map((c) => fromWire(name, c) as WithDeleted<Doc>);
  } catch (err) {
    if (!(err instanceof SyncHttpError)) throw err;
    deps.onFailure(name, err);
    if (err.kind !== 'fatal') throw err;
    if (rows.length === 1) {
      await deps.journal.logRejected(name, rows[0]!.newDocumentState, {
        code: err.code,
        message: err.message,
        details: err.details,
      });
      return [];
    }
    const mid = rows.length >> 1;
    const left = await pushRows(deps, name, rows.slice(0, mid));
    const right = await pushRows(deps, name, rows.slice(mid));
    return [...left, ...right];
  }
}
