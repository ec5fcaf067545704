import { z } from 'zod';
import type { CollectionDef } from '@printfloor/shared';

/** Postgres type of a column derived from a zod field. */
export type SqlType = 'text' | 'integer' | 'bigint' | 'double precision' | 'boolean' | 'jsonb';

export interface FieldColumn {
  /** zod field name (camelCase), also the drizzle column key and the wire key. */
  field: string;
  /** snake_case column name. */
  column: string;
  sqlType: SqlType;
  nullable: boolean;
  /** SQL default of a jsonb column (the zod default as JSON text), so rows from before it existed fill in. */
  jsonDefault?: unknown;
}

type JsonNode = Record<string, unknown>;

const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

export const snakeCase = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The typed columns of a replicated collection, derived from its zod schema (the source of truth):
 * string and enum → text (wire strings round-trip byte for byte, which replay detection needs;
 * timestamps stay text for the same reason), integer → integer (bigint when zod's bounds exceed
 * int4), number → double precision (float8 round-trips every JS number exactly), boolean → boolean,
 * array → jsonb (with the zod default as the column default), nullable → NULL allowed. Anything else throws at load time rather than guessing.
 */
export function fieldColumns(def: CollectionDef): FieldColumn[] {
  const json = z.toJSONSchema(def.schema, { target: 'draft-7', unrepresentable: 'throw' }) as JsonNode;
  const props = json.properties as Record<string, JsonNode>;
  return Object.entries(props).map(([field, node]) => {
    const { inner, nullable } = unwrapNullable(node);
    const sqlType = sqlTypeOf(def.name, field, inner);
    const col: FieldColumn = { field, column: snakeCase(field), sqlType, nullable };
    if (sqlType === 'jsonb' && inner.default !== undefined) col.jsonDefault = inner.default;
    return col;
  });
}

function unwrapNullable(node: JsonNode): { inner: JsonNode; nullable: boolean } {
  const anyOf = node.anyOf as JsonNode[] | undefined;
  if (anyOf && anyOf.length === 2) {
    const inner = anyOf.find((n) => n.type !== 'null');
    if (inner && anyOf.some((n) => n.type === 'null')) return { inner, nullable: true };
  }
  return { inner: node, nullable: false };
}

function sqlTypeOf(collection: string, field: string, node: JsonNode): SqlType {
  switch (node.type) {
    case 'string':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'double precision';
    // An array of objects (a part's routing template) is one field: stored whole as jsonb, merged
    // and compared whole (merge.ts deepEqual). Only arrays: a free-form object would hide typos.
    case 'array':
      return 'jsonb';
    case 'integer': {
      const min = typeof node.minimum === 'number' ? node.minimum : -Infinity;
      const max = typeof node.maximum === 'number' ? node.maximum : Infinity;
      return min >= INT4_MIN && max <= INT4_MAX ? 'integer' : 'bigint';
    }
    default:
      throw new Error(`${collection}.${field}: no column type for JSON schema ${JSON.stringify(node)}`);
  }
}
