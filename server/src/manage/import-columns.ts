import { COLLECTIONS } from '@printfloor/shared';
import type { z } from 'zod';

/**
 * What a CSV import of spools, parts or work orders reads: per kind, the document fields a column
 * can fill, the header names that map to them on their own (the field name, its snake_case form, a
 * spreadsheet-style label and a few aliases, compared case- and punctuation-insensitively), how a
 * cell's text becomes a value, and the default for a column left out or a cell left blank. The
 * documents are then validated with the collection's own zod schema (shared/src/domain): this
 * file decides nothing the schema already says.
 */

export const IMPORT_KINDS = ['spools', 'parts', 'work_orders'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(s: string): s is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(s);
}

/** A cell's value, or why it cannot be one. */
export type Cell = { ok: true; value: unknown } | { ok: false; message: string };

export interface ImportColumn {
  /** The document field (or, for `partCode`, a reference resolved at validation). */
  field: string;
  label: string;
  aliases: string[];
  required: boolean;
  parse: (raw: string) => Cell;
  /** Used when the column is absent or the cell blank (and not required). */
  fallback: () => unknown;
}

const ok = (value: unknown): Cell => ({ ok: true, value });
const text = (raw: string): Cell => ok(raw);

function number(raw: string): Cell {
  // A decimal comma is what a European spreadsheet writes for 1.75; no thousands separators.
  const s = raw.replace(/\s/g, '').replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? ok(n) : { ok: false, message: `"${raw}" is not a number` };
}

function integer(raw: string): Cell {
  const c = number(raw);
  if (c.ok && !Number.isInteger(c.value)) return { ok: false, message: `"${raw}" is not a whole number` };
  return c;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'ja', 'oui']);
const FALSE = new Set(['false', 'no', 'n', '0', 'nein', 'non']);
function boolean(raw: string): Cell {
  const s = raw.toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return { ok: false, message: `"${raw}" is not yes/no` };
}

/** `#RRGGBB`, `RRGGBB` (Spoolman's form) or `#RGB`, upper-cased. */
export function hex(raw: string): Cell {
  const s = raw.replace(/^#/, '');
  if (/^[0-9a-f]{6}$/i.test(s)) return ok(`#${s.toUpperCase()}`);
  if (/^[0-9a-f]{3}$/i.test(s))
    return ok(
      `#${[...s]
        .map((c) => c + c)
        .join('')
        .toUpperCase()}`,
    );
  return { ok: false, message: `"${raw}" is not a colour like #FF8800` };
}

/**
 * A part's routing template as the export writes it: a JSON array of steps (the steps themselves
 * are checked by the parts schema). Blank → no template.
 */
function jsonArray(raw: string): Cell {
  try {
    const v: unknown = JSON.parse(raw);
    if (Array.isArray(v)) return ok(v);
  } catch {
    // reported below
  }
  return {
    ok: false,
    message: 'is not a routing template: a JSON array of steps, as the parts export writes it',
  };
}

/** A calendar date: `YYYY-MM-DD`, or the date part of an ISO timestamp. */
function date(raw: string): Cell {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(raw);
  if (m && !Number.isNaN(Date.parse(m[1]!))) return ok(m[1]);
  return { ok: false, message: `"${raw}" is not a date like 2026-03-31` };
}

const col = (
  field: string,
  label: string,
  parse: (raw: string) => Cell,
  fallback: () => unknown,
  opts: { required?: boolean; aliases?: string[] } = {},
): ImportColumn => ({
  field,
  label,
  parse,
  fallback,
  required: opts.required ?? false,
  aliases: opts.aliases ?? [],
});

const today = () => new Date().toISOString().slice(0, 10);

export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = {
  spools: [
    col('code', 'Code', text, () => '', { required: true, aliases: ['spool code', 'label'] }),
    col('material', 'Material', text, () => '', { aliases: ['type', 'filament type'] }),
    col('colorName', 'Colour name', text, () => '', { aliases: ['color name', 'colour', 'color'] }),
    col('colorHex', 'Colour hex', hex, () => '#808080', { aliases: ['color hex', 'hex', 'color code'] }),
    col('brand', 'Brand', text, () => '', { aliases: ['vendor', 'manufacturer'] }),
    col('diameterMm', 'Diameter mm', number, () => 1.75, { aliases: ['diameter'] }),
    col('netWeightG', 'Net weight g', number, () => 0, {
      required: true,
      aliases: ['net weight', 'weight', 'net g', 'filament weight'],
    }),
    col('tareWeightG', 'Tare weight g', number, () => 0, {
      aliases: ['tare weight', 'tare', 'spool weight', 'empty spool weight'],
    }),
    col('lot', 'Lot', text, () => '', { aliases: ['lot nr', 'lot number', 'batch'] }),
    col('location', 'Location', text, () => ''),
    col(
      'status',
      'Status',
      (r) => ok(r.toLowerCase()),
      () => 'active',
    ),
    col('spoolmanId', 'Spoolman id', text, () => null, { aliases: ['spoolman'] }),
    col('ean', 'EAN', text, () => null, { aliases: ['barcode', 'gtin'] }),
    col('receivedAt', 'Received', date, today, { aliases: ['received at', 'received on', 'date'] }),
    col('notes', 'Notes', text, () => '', { aliases: ['comment', 'comments'] }),
  ],
  parts: [
    col('code', 'Code', text, () => '', { required: true, aliases: ['part code', 'part number', 'part'] }),
    col('drawingNumber', 'Drawing number', text, () => '', { aliases: ['drawing', 'drawing no'] }),
    col('revision', 'Revision', text, () => '', { aliases: ['rev'] }),
    col('description', 'Description', text, () => '', { aliases: ['name'] }),
    col('material', 'Material', text, () => ''),
    col('colorHex', 'Colour hex', hex, () => null, { aliases: ['color hex', 'hex', 'colour', 'color'] }),
    col('gramsPerPart', 'Grams per part', number, () => 0, { aliases: ['grams', 'weight g', 'weight'] }),
    col('printMinutes', 'Print minutes', number, () => 0, { aliases: ['print time min', 'minutes'] }),
    col('notes', 'Notes', text, () => '', { aliases: ['comment', 'comments'] }),
    col('routing', 'Routing template', jsonArray, () => [], { aliases: ['routing', 'template'] }),
  ],
  work_orders: [
    col('code', 'Code', text, () => '', { required: true, aliases: ['work order', 'wo', 'order'] }),
    // Resolved to the part's id (a part of this shop, or one earlier in the same import): see import.service.
    col('partCode', 'Part code', text, () => '', { aliases: ['part', 'part number'] }),
    col('title', 'Title', text, () => '', { aliases: ['description', 'name'] }),
    col('qtyOrdered', 'Qty ordered', integer, () => 0, { required: true, aliases: ['qty', 'quantity'] }),
    col('qtyCompleted', 'Qty completed', integer, () => 0, { aliases: ['completed'] }),
    col('qtyScrapped', 'Qty scrapped', integer, () => 0, { aliases: ['scrapped', 'scrap'] }),
    col(
      'status',
      'Status',
      (r) => ok(r.toLowerCase().replace(/[\s-]+/g, '_')),
      () => 'draft',
    ),
    col('onHold', 'On hold', boolean, () => false, { aliases: ['hold'] }),
    col('priority', 'Priority', integer, () => 3, { aliases: ['prio'] }),
    col('dueDate', 'Due date', date, () => '', { aliases: ['due', 'due on'] }),
    col('customerName', 'Customer', text, () => '', { aliases: ['customer name', 'client'] }),
    col('poNumber', 'PO number', text, () => '', { aliases: ['po', 'purchase order'] }),
    col('lineRef', 'Line ref', text, () => '', { aliases: ['line', 'order line'] }),
    col('materialHint', 'Material', text, () => '', { aliases: ['material hint'] }),
    col('notes', 'Notes', text, () => '', { aliases: ['comment', 'comments'] }),
  ],
};

/** The collection each kind is written to, and its schema (the one validation). */
export function schemaOf(kind: ImportKind): z.ZodObject {
  return COLLECTIONS[kind].schema;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header → field, by the column's field name, snake_case, label or an alias; unknown → null. */
export function autoMapping(kind: ImportKind, header: readonly string[]): (string | null)[] {
  const taken = new Set<string>();
  return header.map((h) => {
    const n = norm(h);
    const c = IMPORT_COLUMNS[kind].find(
      (c) =>
        !taken.has(c.field) && [c.field, c.label, ...c.aliases].some((name) => norm(name) === n && n !== ''),
    );
    if (!c) return null;
    taken.add(c.field);
    return c.field;
  });
}
