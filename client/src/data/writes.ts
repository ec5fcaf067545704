import type { RxCollection } from 'rxdb';
import type { CollectionName, DocOf } from '@printfloor/shared';
import type { PrintfloorDatabase } from './database.ts';
import type { SyncJournal } from './journal.ts';
import { newId } from './ids.ts';

/**
 * The append-only collections, spelled out because `COLLECTIONS[n].kind` is not a literal type;
 * a unit test checks this list against the registry.
 */
export const APPEND_ONLY_NAMES = ['step_events', 'spool_movements'] as const satisfies readonly CollectionName[];
export type AppendOnlyName = (typeof APPEND_ONLY_NAMES)[number];
export type MutableName = Exclude<CollectionName, AppendOnlyName>;

/** Fields the writer stamps itself. */
type MutableStamped = 'id' | 'updatedAt' | 'updatedBy' | 'serverUpdatedAt';
type EventStamped = 'id' | 'at' | 'operatorId' | 'deviceId' | 'serverUpdatedAt';

export type NewMutable<N extends MutableName> = Omit<DocOf<N>, MutableStamped> & { id?: string };
export type NewRecord<N extends AppendOnlyName> = Omit<DocOf<N>, EventStamped> & { id?: string; at?: string };
export type Patch<N extends MutableName> = Partial<Omit<DocOf<N>, MutableStamped>>;

export interface WriterContext {
  /** This tablet's device id (from `/api/me`). */
  deviceId: string;
  /** The operator signed in on the tablet right now; `''` when nobody is. */
  operatorId: () => string;
  now?: () => Date;
  /** Told of every append just before it is written (the undo window's push hold listens). */
  beforeAppend?: (name: AppendOnlyName, id: string) => void;
}

/**
 * Every local edit goes through here: stamps who and when, marks the edit pending in the sync
 * journal, and writes to the local database at once — never waiting for the network.
 */
export class LocalWriter {
  constructor(
    private readonly db: PrintfloorDatabase,
    private readonly journal: SyncJournal,
    private readonly ctx: WriterContext,
  ) {}

  private now(): string {
    return (this.ctx.now?.() ?? new Date()).toISOString();
  }

  private editor(): string {
    return this.ctx.operatorId() || this.ctx.deviceId;
  }

  private coll<N extends CollectionName>(name: N): RxCollection<DocOf<N>> {
    return this.db.collections[name] as unknown as RxCollection<DocOf<N>>;
  }

  async insert<N extends MutableName>(name: N, fields: NewMutable<N>): Promise<DocOf<N>> {
    const id = fields.id ?? newId();
    const doc = {
      ...fields,
      id,
      updatedAt: this.now(),
      updatedBy: this.editor(),
      serverUpdatedAt: null,
    } as unknown as DocOf<N>;
    await this.journal.trackWrite(name, id, () => this.coll(name).insert(doc));
    return doc;
  }

  /** Changes some fields of a mutable document; the merge on the server side works per field. */
  async patch<N extends MutableName>(name: N, id: string, patch: Patch<N>): Promise<void> {
    const doc = await this.coll(name).findOne(id).exec();
    if (!doc) throw new Error(`${name}/${id} not found`);
    const stamp = { updatedAt: this.now(), updatedBy: this.editor() };
    await this.journal.trackWrite(name, id, () =>
      doc.incrementalModify((old) => ({ ...old, ...patch, ...stamp })),
    );
  }

  /**
   * Withdraws an append-only record by tombstoning it (`_deleted: true`). Only for an undo inside
   * its window, while {@link PushHold} keeps the record on this tablet: once the server holds a
   * record it never changes, and a later tombstone would be refused as a conflict.
   */
  async retract(name: AppendOnlyName, id: string): Promise<void> {
    const doc = await this.coll(name).findOne(id).exec();
    if (!doc) return;
    await this.journal.trackWrite(name, id, () => doc.remove());
  }

  /** Deletes a mutable document (a tombstone every tablet learns of, DESIGN.md sync rule 5). */
  async remove(name: MutableName, id: string): Promise<void> {
    const doc = await this.coll(name).findOne(id).exec();
    if (!doc) return;
    await this.journal.trackWrite(name, id, () => doc.remove());
  }

  /** Appends a record to an append-only collection (step events, spool movements). */
  async append<N extends AppendOnlyName>(name: N, fields: NewRecord<N>): Promise<DocOf<N>> {
    const id = fields.id ?? newId();
    const record = {
      ...fields,
      id,
      at: fields.at ?? this.now(),
      operatorId: this.ctx.operatorId(),
      deviceId: this.ctx.deviceId,
      serverUpdatedAt: null,
    } as unknown as DocOf<N>;
    this.ctx.beforeAppend?.(name, id);
    await this.journal.trackWrite(name, id, () => this.coll(name).insert(record));
    return record;
  }
}
