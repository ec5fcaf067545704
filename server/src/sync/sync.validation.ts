import type { z } from 'zod';
import {
  COLLECTIONS,
  MAX_PUSH_BATCH,
  isCollectionName,
  pullQuerySchema,
  pushBodySchema,
} from '@printfloor/shared';
import type { CollectionDef, CollectionName } from '@printfloor/shared';
import { fromZod, invalid, notFound, payloadTooLarge } from '../http/errors.ts';
import type { AnyPushRow } from './push-decision.ts';

/** Parsing and checking of sync input; every failure is an AppError that writes nothing. */

export function parseCollection(name: string): CollectionName {
  if (!isCollectionName(name)) throw notFound('unknown_collection', `no collection "${name}"`);
  return name;
}

export function parsePullQuery(query: Record<string, string>): z.infer<typeof pullQuerySchema> {
  const r = pullQuerySchema.safeParse(query);
  if (!r.success) throw fromZod(r.error, 'invalid pull query (seq ≥ 0, 1 ≤ limit ≤ max)');
  return r.data;
}

const pushSchemas = new Map<CollectionName, z.ZodType>();

function pushSchemaOf(name: CollectionName) {
  let s = pushSchemas.get(name);
  if (!s) {
    s = pushBodySchema(COLLECTIONS[name] as CollectionDef);
    pushSchemas.set(name, s);
  }
  return s;
}

/** A push body: an array of at most MAX_PUSH_BATCH rows (else 413), each matching the collection's schema (else 422). */
export function parsePushBody(name: CollectionName, body: unknown): AnyPushRow[] {
  if (Array.isArray(body) && body.length > MAX_PUSH_BATCH) {
    throw payloadTooLarge(`a push batch holds at most ${MAX_PUSH_BATCH} rows`, {
      max: MAX_PUSH_BATCH,
      got: body.length,
    });
  }
  const r = pushSchemaOf(name).safeParse(body);
  if (!r.success) throw fromZod(r.error, `the push body does not match the ${name} schema`);
  const rows = r.data as AnyPushRow[];
  rows.forEach((row, i) => {
    for (const [key, doc] of [
      ['newDocumentState', row.newDocumentState],
      ['assumedMasterState', row.assumedMasterState],
    ] as const) {
      const bad = doc ? unstorableField(doc) : undefined;
      if (bad !== undefined) {
        throw invalid('a text field holds a character Postgres cannot store (NUL or a lone surrogate)', {
          issues: [{ path: `${i}.${key}.${bad}`, message: 'unstorable character' }],
          total: 1,
        });
      }
    }
  });
  return rows;
}

/**
 * Postgres text cannot hold U+0000, and a lone surrogate would be stored as U+FFFD: either would
 * make the stored document differ from what was pushed (and a replay look like a change). Such
 * documents are refused up front instead.
 */
// Without the `u` flag the regex sees UTF-16 code units, so unpaired surrogates are matchable.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorableField(doc: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries(doc)) {
    if (typeof v === 'string' && (v.includes('\0') || LONE_SURROGATE.test(v))) return k;
  }
  return undefined;
}
