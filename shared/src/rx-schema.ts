import { z } from 'zod';
import type { CollectionDef } from './collections.ts';

/** A JSON schema as RxDB takes it (kept structural so `shared` does not depend on RxDB). */
export interface RxJsonSchemaLike {
  title: string;
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  indexes: (string | string[])[];
  additionalProperties: false;
}

type JsonNode = Record<string, unknown>;

/**
 * zod emits `anyOf: [T, {type:'null'}]` for nullable fields; RxDB wants `type: [T, 'null']`.
 * Integers get `multipleOf: 1` because RxDB needs it to index numbers.
 */
function rxifyProperty(node: JsonNode): JsonNode {
  const anyOf = node.anyOf as JsonNode[] | undefined;
  if (anyOf && anyOf.length === 2 && anyOf.some((n) => n.type === 'null')) {
    const inner = rxifyProperty(anyOf.find((n) => n.type !== 'null')!);
    // A nullable enum must list null among its values too, or validation refuses null.
    const withNull = Array.isArray(inner.enum) ? { ...inner, enum: [...(inner.enum as unknown[]), null] } : inner;
    if (typeof inner.type === 'string') return { ...withNull, type: [inner.type, 'null'] };
    if (Array.isArray(inner.enum)) return withNull;
    return node;
  }
  const out: JsonNode = { ...node };
  delete out.$schema;
  delete out.pattern; // validated by zod at the edges; RxDB's dev-mode check does not need it
  if (out.type === 'string' && Array.isArray(out.enum) && out.maxLength === undefined) {
    out.maxLength = Math.max(...(out.enum as string[]).map((v) => v.length));
  }
  if (out.type === 'integer') {
    out.type = 'number';
    out.multipleOf = 1;
  }
  if (out.type === 'number' && out.minimum === undefined) out.minimum = Number.MIN_SAFE_INTEGER;
  if (out.type === 'number' && out.maximum === undefined) out.maximum = Number.MAX_SAFE_INTEGER;
  return out;
}

/** Derives the RxDB JSON schema of a collection from its zod schema: never hand-copied. */
export function toRxJsonSchema(def: CollectionDef): RxJsonSchemaLike {
  const json = z.toJSONSchema(def.schema, { target: 'draft-7', unrepresentable: 'any' }) as JsonNode;
  const props = json.properties as Record<string, JsonNode>;
  const properties: Record<string, JsonNode> = {};
  for (const [key, node] of Object.entries(props)) properties[key] = rxifyProperty(node);
  return {
    title: def.name,
    version: def.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: Object.keys(properties),
    indexes: def.indexes,
    additionalProperties: false,
  };
}
