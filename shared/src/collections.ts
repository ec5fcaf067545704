import type { z } from 'zod';
import { operationSchema, workOrderSchema } from './domain/work-orders.ts';
import { stepEventSchema } from './domain/step-events.ts';
import { spoolMovementSchema, spoolSchema } from './domain/spools.ts';
import {
  downtimeReasonSchema,
  partSchema,
  personSchema,
  printerSchema,
  scrapReasonSchema,
  workCenterSchema,
} from './domain/assets.ts';

/**
 * How a collection changes: `mutable` documents merge field by field; `append-only` records are
 * written once and never edited (a replay of the same record is a no-op, a different body under the
 * same id is a conflict).
 */
export type CollectionKind = 'mutable' | 'append-only';

export interface CollectionDef<S extends z.ZodObject = z.ZodObject> {
  name: string;
  kind: CollectionKind;
  schema: S;
  /** RxDB schema version; bump it with a migration strategy when the schema changes. */
  version: number;
  /** Local (RxDB) indexes. Every indexed field must be required and non-null. */
  indexes: (string | string[])[];
}

const def = <S extends z.ZodObject>(d: CollectionDef<S>): CollectionDef<S> => d;

/** Every replicated collection, keyed by its name (which is also its URL segment and table name). */
export const COLLECTIONS = {
  work_orders: def({
    name: 'work_orders',
    kind: 'mutable',
    schema: workOrderSchema,
    version: 0,
    indexes: ['code', 'status', ['status', 'priority', 'dueDate'], 'dueDate'],
  }),
  operations: def({
    name: 'operations',
    kind: 'mutable',
    schema: operationSchema,
    version: 0,
    indexes: [['workOrderId', 'sequence'], 'printerId', 'workCenterId'],
  }),
  step_events: def({
    name: 'step_events',
    kind: 'append-only',
    schema: stepEventSchema,
    version: 0,
    indexes: [['operationId', 'at'], ['workOrderId', 'at'], 'printerId'],
  }),
  spools: def({
    name: 'spools',
    kind: 'mutable',
    schema: spoolSchema,
    version: 0,
    indexes: ['code', 'loadedPrinterId', 'material'],
  }),
  spool_movements: def({
    name: 'spool_movements',
    kind: 'append-only',
    schema: spoolMovementSchema,
    version: 0,
    indexes: [['spoolId', 'at']],
  }),
  printers: def({ name: 'printers', kind: 'mutable', schema: printerSchema, version: 0, indexes: ['code'] }),
  // v1: the stored routing template (routing, default []).
  parts: def({ name: 'parts', kind: 'mutable', schema: partSchema, version: 1, indexes: ['code'] }),
  scrap_reasons: def({ name: 'scrap_reasons', kind: 'mutable', schema: scrapReasonSchema, version: 0, indexes: [] }),
  downtime_reasons: def({
    name: 'downtime_reasons',
    kind: 'mutable',
    schema: downtimeReasonSchema,
    version: 0,
    indexes: [],
  }),
  work_centers: def({ name: 'work_centers', kind: 'mutable', schema: workCenterSchema, version: 0, indexes: [] }),
  people: def({ name: 'people', kind: 'mutable', schema: personSchema, version: 0, indexes: ['badgeCode'] }),
} as const;

export type Collections = typeof COLLECTIONS;
export type CollectionName = keyof Collections;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** The TypeScript type of a collection's documents, derived from its zod schema. */
export type DocOf<N extends CollectionName> = z.infer<Collections[N]['schema']>;

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}
