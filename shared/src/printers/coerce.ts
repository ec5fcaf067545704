/**
 * Defensive helpers for printer payloads. Printers send numbers as strings, odd types after
 * firmware updates, and anything can arrive on a broker topic; none of these helpers throws.
 */

/** Largest payload a normalizer looks at; a full X1C report with four AMS units is ~21 kB. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Merges deeper than this replace the subtree instead of recursing (no stack exhaustion). */
const MAX_MERGE_DEPTH = 16;

export type JsonObject = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isBytes(v);
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}
// TextDecoder exists in every runtime we target (browsers, Node ≥ 11); `shared` has no DOM or
// Node typings, so it is reached through globalThis. `fatal: false` makes it replace bad bytes.
const decoder = new (
  globalThis as unknown as { TextDecoder: new (label?: string) => Utf8Decoder }
).TextDecoder('utf-8');

/** Payload bytes or text → text; null when too large. */
export function payloadText(payload: Uint8Array | string): string | null {
  const size = typeof payload === 'string' ? payload.length : payload.byteLength;
  if (size > MAX_PAYLOAD_BYTES) return null;
  return typeof payload === 'string' ? payload : decoder.decode(payload);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a JSON payload; every failure (binary, bad JSON, too large, too deep) is a reason. */
export function parseJsonPayload(payload: Uint8Array | string): Parsed {
  const text = payloadText(payload);
  if (text === null) return { ok: false, reason: 'payload too large' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
}

/**
 * A finite number from a number or a numeric string (`"29.6"`, `" 12 "`), else null.
 * Booleans, hex strings and `""` are not numbers here.
 */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** `num` restricted to [min, max]; out-of-range values (garbage, sentinels) become null. */
export function numIn(v: unknown, min: number, max: number): number | null {
  const n = num(v);
  return n === null || n < min || n > max ? null : n;
}

/** A whole number in range (rounded), else null. */
export function intIn(v: unknown, min: number, max: number): number | null {
  const n = numIn(v, min, max);
  return n === null ? null : Math.round(n);
}

/** A non-empty trimmed string cut to `max` characters, else null. */
export function str(v: unknown, max = 200): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t.slice(0, max);
}

/** Keys JSON.parse can produce that must never be assigned onto an object (prototype pollution). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Recursive merge of a delta into a state, the way Bambu and Moonraker mean it: objects key by key,
 * scalars and arrays replaced whole, missing keys keep their value. Returns a new object; neither
 * input is modified.
 */
export function deepMerge(base: JsonObject, delta: JsonObject, depth = 0): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(delta)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const prev = out[key];
    out[key] =
      isRecord(value) && isRecord(prev) && depth < MAX_MERGE_DEPTH
        ? deepMerge(prev, value, depth + 1)
        : value;
  }
  return out;
}

/** Copy without the unsafe keys at the top level (full snapshots replace the state as they are). */
export function safeObject(v: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(v)) if (!UNSAFE_KEYS.has(key)) out[key] = value;
  return out;
}

/** `RRGGBB` or `RRGGBBAA` (any case, optional `#`) → `#RRGGBB`; fully transparent black → null. */
export function colorHex(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^#?([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$/.exec(v.trim());
  if (!m?.[1]) return null;
  if (m[2] === '00' && m[1] === '000000') return null;
  return `#${m[1].toUpperCase()}`;
}

/** Last path segment of a file name (`/data/Metadata/plate_1.gcode` → `plate_1.gcode`). */
export function baseName(v: unknown, max = 300): string | null {
  const s = str(v, 4000);
  if (s === null) return null;
  const last = s.split(/[\\/]/).filter(Boolean).pop();
  return last ? last.slice(0, max) : null;
}

/** What a field validator accepts; used to reject payloads whose known fields have wrong types. */
export type FieldKind = 'number' | 'string' | 'object' | 'array' | 'boolean' | 'numberish';

function fieldOk(v: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'numberish':
      return num(v) !== null;
    case 'string':
      return typeof v === 'string';
    case 'object':
      return isRecord(v);
    case 'array':
      return Array.isArray(v);
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/** Name of the first field of `obj` listed in `kinds` whose value has the wrong type, else null. */
export function firstBadField(obj: JsonObject, kinds: Readonly<Record<string, FieldKind>>): string | null {
  for (const [key, kind] of Object.entries(kinds)) {
    if (!Object.hasOwn(obj, key)) continue;
    const v = obj[key];
    if (v === null) continue; // firmware sends null for "unknown" in places; the derived field is null
    if (!fieldOk(v, kind)) return key;
  }
  return null;
}
