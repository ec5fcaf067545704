import type { Part, Person, Printer, QrKind, Spool, WorkOrder } from '@printfloor/shared';

/**
 * What goes on one label: the record's QR (the canonical `<origin>/q/<kind>/<code>` URL), its code
 * in plain text, a title, and for spools the material, colour, brand and weight. Builders below
 * turn the domain records into items; callers may also build items by hand (pre-printed stock).
 */
export interface LabelItem {
  kind: QrKind;
  /** What the QR carries and what is printed in large type. */
  code: string;
  /** Main line under the code: printer name, part description, work-order title, person's name. */
  title: string;
  /** Further short lines (revision, due date, customer…). */
  lines?: string[];
  spool?: SpoolLabelInfo;
}

export interface SpoolLabelInfo {
  material: string;
  colorName: string;
  /** `#rrggbb`; anything else prints no swatch. */
  colorHex: string;
  brand: string;
  /** Net filament weight when full, grams. */
  weightG: number;
  diameterMm?: number;
}

export function spoolLabel(
  s: Pick<
    Spool,
    'code' | 'material' | 'colorName' | 'colorHex' | 'brand' | 'netWeightG' | 'diameterMm' | 'lot'
  >,
): LabelItem {
  return {
    kind: 'spool',
    code: s.code,
    // The colour name goes beside the swatch; the title is the material alone, printed bold.
    title: s.material,
    lines: s.lot ? [`Lot ${s.lot}`] : [],
    spool: {
      material: s.material,
      colorName: s.colorName,
      colorHex: s.colorHex,
      brand: s.brand,
      weightG: s.netWeightG,
      diameterMm: s.diameterMm,
    },
  };
}

export function printerLabel(p: Pick<Printer, 'code' | 'name' | 'brand' | 'model' | 'location'>): LabelItem {
  return {
    kind: 'printer',
    code: p.code,
    title: p.name,
    lines: [[p.brand, p.model].filter(Boolean).join(' '), p.location].filter(Boolean),
  };
}

export function partLabel(
  p: Pick<Part, 'code' | 'description' | 'revision' | 'drawingNumber' | 'material'>,
): LabelItem {
  return {
    kind: 'part',
    code: p.code,
    title: p.description,
    lines: [
      p.revision ? `Rev ${p.revision}` : '',
      p.drawingNumber ? `Dwg ${p.drawingNumber}` : '',
      p.material,
    ].filter(Boolean),
  };
}

export function workOrderLabel(
  w: Pick<WorkOrder, 'code' | 'title' | 'qtyOrdered' | 'dueDate' | 'customerName'>,
): LabelItem {
  return {
    kind: 'wo',
    code: w.code,
    title: w.title,
    lines: [`Qty ${w.qtyOrdered}`, w.dueDate ? `Due ${w.dueDate}` : '', w.customerName].filter(Boolean),
  };
}

/** An operator badge: the QR carries the badge code (`/q/person/<badgeCode>`), never a PIN. */
export function badgeLabel(p: Pick<Person, 'badgeCode' | 'displayName' | 'role'>): LabelItem {
  return { kind: 'person', code: p.badgeCode, title: p.displayName, lines: [p.role] };
}

/** "1 kg", "750 g", "2.25 kg". */
export function formatWeight(g: number): string {
  if (!Number.isFinite(g) || g <= 0) return '';
  if (g < 1000) return `${Math.round(g)} g`;
  return `${+(g / 1000).toFixed(2)} kg`;
}
