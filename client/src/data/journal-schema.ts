import type { RxJsonSchema } from 'rxdb';

/**
 * Kinds of entries in the device-local sync journal (never replicated):
 * - `pending`: a local edit not yet acknowledged by the server ("N edits waiting");
 * - `clash`: a true conflict on the same field, resolved by the shared merge — shown to the user;
 * - `rejected`: a row the server refused as invalid (a fatal 4xx), parked instead of retried forever.
 */
export const JOURNAL_KINDS = ['pending', 'clash', 'rejected'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface JournalEntry {
  /** `pending:<collection>:<docId>` for pending edits (one per document), a fresh id otherwise. */
  id: string;
  kind: JournalKind;
  /** The replicated collection the entry is about. */
  collectionName: string;
  docId: string;
  /** Device time of the entry, epoch milliseconds. */
  at: number;
  /** Human-readable summary shown in the UI. */
  summary: string;
  /** JSON of the details (clashing fields, the server's error, the refused document). */
  details: string;
  /** The user has seen and dismissed it (clashes and rejections only). */
  dismissed: boolean;
}

/** The journal is one local-only collection (RxDB's open-source edition caps open collections at 13). */
export const JOURNAL_COLLECTION = 'sync_journal';

export const journalSchema: RxJsonSchema<JournalEntry> = {
  title: JOURNAL_COLLECTION,
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    kind: { type: 'string', enum: [...JOURNAL_KINDS], maxLength: 10 },
    collectionName: { type: 'string', maxLength: 64 },
    docId: { type: 'string', maxLength: 64 },
    at: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
    summary: { type: 'string' },
    details: { type: 'string' },
    dismissed: { type: 'boolean' },
  },
  required: ['id', 'kind', 'collectionName', 'docId', 'at', 'summary', 'details', 'dismissed'],
  indexes: [['kind', 'at']],
  additionalProperties: false,
};
