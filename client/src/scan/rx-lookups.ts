import { normalizeMangoQuery, prepareQuery, type RxCollection } from 'rxdb';
import type { CollectionName, DocOf, QrKind } from '@printfloor/shared';
import type { PrintfloorDatabase } from '../data/database.ts';
import type { ScanLookups, ScanRecord, SpoolPrefill } from './dispatch.ts';

/**
 * `ScanLookups` over the tablet's RxDB: which collection and field each label kind names, and a
 * title for each. Reads only. A code is tried as scanned, then upper-cased (bare codes and wedge
 * scanners with caps lock); a code that is found only among tombstones is reported as deleted, so
 * the operator hears "was deleted" rather than an offer to bind a label that was in use.
 */

interface KindTarget {
  collection: CollectionName;
  /** Field holding the label's code; `id` for steps, whose labels carry the id. */
  field: string;
  title: (doc: Record<string, unknown>) => string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const KIND_TARGETS: Record<QrKind, KindTarget> = {
  spool: {
    collection: 'spools',
    field: 'code',
    title: (d) => [str(d.material), str(d.colorName)].filter(Boolean).join(' · '),
  },
  wo: { collection: 'work_orders', field: 'code', title: (d) => str(d.title) },
  printer: { collection: 'printers', field: 'code', title: (d) => str(d.name) },
  part: { collection: 'parts', field: 'code', title: (d) => str(d.description) },
  op: { collection: 'operations', field: 'id', title: (d) => str(d.name) },
  person: { collection: 'people', field: 'badgeCode', title: (d) => str(d.displayName) },
};

type AnyCollection = RxCollection<Record<string, unknown>>;

export function createRxScanLookups(db: PrintfloorDatabase): ScanLookups {
  const coll = (name: CollectionName): AnyCollection | null =>
    (db.collections[name] as unknown as AnyCollection | undefined) ?? null;

  return {
    async findRecord(kind, code) {
      const t = KIND_TARGETS[kind];
      const c = coll(t.collection);
      if (!c) return null;
      for (const candidate of unique([code, code.toUpperCase()])) {
        const doc = await c.findOne({ selector: { [t.field]: candidate } }).exec();
        if (doc) return record(kind, t, doc.toJSON(), false);
      }
      for (const candidate of unique([code, code.toUpperCase()])) {
        const gone = await findTombstone(c, { [t.field]: candidate });
        if (gone) return record(kind, t, gone, true);
      }
      return null;
    },
    async findSpoolBySpoolmanId(spoolmanId) {
      const c = coll('spools');
      const doc = c ? await c.findOne({ selector: { spoolmanId } }).exec() : null;
      return doc ? record('spool', KIND_TARGETS.spool, doc.toJSON(), false) : null;
    },
    async lastSpoolWithEan(ean) {
      const c = coll('spools');
      if (!c) return null;
      const docs = await c.find({ selector: { ean } }).exec();
      const newest = docs
        .map((d) => d.toJSON() as unknown as DocOf<'spools'>)
        .sort((a, b) =>
          a.receivedAt === b.receivedAt
            ? a.updatedAt.localeCompare(b.updatedAt)
            : a.receivedAt.localeCompare(b.receivedAt),
        )
        .at(-1);
      return newest ? prefillFrom(newest) : null;
    },
  };
}

/** A document of the collection `kind` names, as the scanner reports it (code, title). */
export function toScanRecord(kind: QrKind, doc: Record<string, unknown>): ScanRecord {
  return record(kind, KIND_TARGETS[kind], doc, false);
}

function record(kind: QrKind, t: KindTarget, doc: Record<string, unknown>, deleted: boolean): ScanRecord {
  const code = t.field === 'id' ? str(doc.id) : str(doc[t.field]);
  const r: ScanRecord = { kind, id: str(doc.id), code, title: t.title(doc), deleted };
  if (kind === 'op') r.workOrderId = str(doc.workOrderId);
  return r;
}

/** A deleted document with this field value, straight from the storage (RxDB queries skip tombstones). */
async function findTombstone(
  c: AnyCollection,
  selector: Record<string, string>,
): Promise<Record<string, unknown> | null> {
  const schema = c.schema.jsonSchema;
  const query = normalizeMangoQuery(schema, {
    selector: { ...selector, _deleted: { $eq: true } },
    limit: 1,
  });
  const result = await c.storageInstance.query(prepareQuery(schema, query));
  return (result.documents[0] as Record<string, unknown> | undefined) ?? null;
}

function prefillFrom(s: DocOf<'spools'>): SpoolPrefill {
  return {
    material: s.material,
    colorName: s.colorName,
    colorHex: s.colorHex,
    brand: s.brand,
    diameterMm: s.diameterMm,
    netWeightG: s.netWeightG,
    tareWeightG: s.tareWeightG,
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
