/**
 * Label stock Printfloor prints on. Every size is in millimetres and goes straight into the print
 * CSS (`@page size`), so the browser's print dialog lays labels out 1:1 on the media.
 *
 * - Thermal continuous rolls, 62 mm and 54 mm wide (Brother QL DK-22205 / DK-N55224 and the like):
 *   one label per page; the printer cuts after each page. The length is ours to choose.
 * - 40 × 30 mm die-cut thermal labels (Zebra, Dymo, Xprinter and the like): one label per page.
 * - A4 sheets of 24 labels, 3 × 8 at 70 × 37 mm (the common Avery/Herma 3475 layout), for office printers.
 */

export const LABEL_FORMAT_IDS = ['thermal-62', 'thermal-54', 'label-40x30', 'a4-sheet'] as const;
export type LabelFormatId = (typeof LABEL_FORMAT_IDS)[number];

/**
 * `row`: QR on the left, text on the right (room for brand and weight).
 * `stack`: QR on top, code and one line under it (small labels).
 */
export type LabelLayout = 'row' | 'stack';

export interface LabelFormat {
  id: LabelFormatId;
  name: string;
  page: { widthMm: number; heightMm: number };
  label: { widthMm: number; heightMm: number };
  /** Labels per page as columns × rows, with the sheet's margins; absent for one label per page. */
  grid?: { cols: number; rows: number; topMm: number; leftMm: number };
  /** Side of the QR code, quiet zone included. */
  qrMm: number;
  /** Inner padding of a label. */
  paddingMm: number;
  layout: LabelLayout;
  /** Base font size in points; the code is printed larger. */
  fontPt: number;
}

export const LABEL_FORMATS: Record<LabelFormatId, LabelFormat> = {
  'thermal-62': {
    id: 'thermal-62',
    name: 'Thermal roll 62 mm (62 × 40 mm)',
    page: { widthMm: 62, heightMm: 40 },
    label: { widthMm: 62, heightMm: 40 },
    qrMm: 31,
    paddingMm: 2,
    layout: 'row',
    fontPt: 7.5,
  },
  'thermal-54': {
    id: 'thermal-54',
    name: 'Thermal roll 54 mm (54 × 34 mm)',
    page: { widthMm: 54, heightMm: 34 },
    label: { widthMm: 54, heightMm: 34 },
    qrMm: 27,
    paddingMm: 1.5,
    layout: 'row',
    fontPt: 6.5,
  },
  'label-40x30': {
    id: 'label-40x30',
    name: 'Thermal label 40 × 30 mm',
    page: { widthMm: 40, heightMm: 30 },
    label: { widthMm: 40, heightMm: 30 },
    qrMm: 18,
    paddingMm: 1.2,
    layout: 'stack',
    fontPt: 6,
  },
  'a4-sheet': {
    id: 'a4-sheet',
    name: 'A4 sheet, 24 labels 70 × 37 mm',
    page: { widthMm: 210, heightMm: 297 },
    label: { widthMm: 70, heightMm: 37 },
    grid: { cols: 3, rows: 8, topMm: 0.5, leftMm: 0 },
    qrMm: 30,
    paddingMm: 2.5,
    layout: 'row',
    fontPt: 7.5,
  },
};

export function labelsPerPage(f: LabelFormat): number {
  return f.grid ? f.grid.cols * f.grid.rows : 1;
}
