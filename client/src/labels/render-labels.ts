import type { toString as qrToString } from 'qrcode';
import { encodeQr } from '@printfloor/shared';
import { LABEL_FORMATS, labelsPerPage, type LabelFormat, type LabelFormatId } from './label-formats.ts';
import { formatWeight, type LabelItem } from './label-items.ts';

/**
 * Renders labels as one self-contained HTML document: print CSS sized in millimetres (`@page` set
 * to the label stock), the QR of each record as inline SVG (the `qrcode` package), the code in
 * plain text, and for spools material, colour swatch, brand and weight. Open it in an iframe or a
 * window and print (print-labels.ts); on screen it shows the pages as they will come out.
 *
 * An item whose code no label can carry (empty, too long, control characters) is not printed: it
 * shows as a warning on screen only, so a batch is never silently short.
 */
export interface RenderOptions {
  /** On screen only, enlarge the pages (a 40 × 30 mm label is ~150 px at 1:1). Printing is always 1:1. */
  screenZoom?: number;
}

export async function renderLabelsHtml(
  items: readonly LabelItem[],
  format: LabelFormatId,
  origin: string,
  opts: RenderOptions = {},
): Promise<string> {
  const f = LABEL_FORMATS[format];
  // Loaded on first use: the QR encoder stays out of the first screen's bundle.
  const { toString: qrSvg } = (await import('qrcode')).default;
  const rendered = await Promise.all(items.map((item) => renderLabel(item, f, origin, qrSvg)));
  const labels = rendered.filter((r): r is string => r !== null);
  const skipped = items.filter((_, i) => rendered[i] === null);
  const per = labelsPerPage(f);
  const pages: string[] = [];
  for (let i = 0; i < labels.length; i += per)
    pages.push(`<section class="page">${labels.slice(i, i + per).join('')}</section>`);
  const warning =
    skipped.length === 0
      ? ''
      : `<p class="skipped" role="alert">Not printed (code cannot be put on a label): ${skipped.map((s) => esc(s.code || '(empty)')).join(', ')}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`Labels · ${f.name}`)}</title>
<style>${css(f)}${screenZoom(opts.screenZoom)}</style></head>
<body data-format="${f.id}" data-count="${labels.length}">${warning}${pages.join('')}</body></html>`;
}

/** One label's markup, or null when its code cannot be encoded. */
type QrSvg = typeof qrToString;

async function renderLabel(
  item: LabelItem,
  f: LabelFormat,
  origin: string,
  qrSvg: QrSvg,
): Promise<string | null> {
  let url: string;
  try {
    url = encodeQr(item.kind, item.code, origin);
  } catch {
    return null;
  }
  // Level M survives a scuffed or partly covered label. A 2-module margin plus the label's padding
  // give the 4-module quiet zone scanners need, without wasting a small label's width.
  const svg = await qrSvg(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  const codeClass =
    item.code.length > 16 ? 'code code--long' : item.code.length > 10 ? 'code code--mid' : 'code';
  return `<div class="label label--${item.kind}" data-code="${esc(item.code)}" data-url="${esc(url)}">
<div class="qr">${svg}</div>
<div class="text"><div class="${codeClass}">${esc(item.code)}</div>${titleLine(item, f)}${spoolLines(item, f)}${extraLines(item, f)}</div>
</div>`;
}

function titleLine(item: LabelItem, f: LabelFormat): string {
  // On a small label a spool's one line (material · weight) replaces the title.
  if (!item.title || (f.layout === 'stack' && item.spool)) return '';
  return `<div class="title">${esc(item.title)}</div>`;
}

function spoolLines(item: LabelItem, f: LabelFormat): string {
  const s = item.spool;
  if (!s) return '';
  const swatch = /^#[0-9a-fA-F]{6}$/.test(s.colorHex)
    ? `<span class="swatch" style="background:${s.colorHex}"></span>`
    : '';
  const weight = formatWeight(s.weightG);
  const diameter = s.diameterMm ? `${s.diameterMm} mm` : '';
  if (f.layout === 'stack') {
    // 40 × 30 mm: one line under the code, the essentials.
    return `<div class="spool">${swatch}<span>${esc([s.material, weight].filter(Boolean).join(' · '))}</span></div>`;
  }
  return `<div class="spool">${swatch}<span>${esc(s.colorName)}</span></div>
<div class="line brand">${esc(s.brand)}</div>
<div class="line weight">${esc([weight, diameter].filter(Boolean).join(' · '))}</div>`;
}

function extraLines(item: LabelItem, f: LabelFormat): string {
  const lines = (item.lines ?? []).filter(Boolean);
  if (f.layout === 'stack' || lines.length === 0) return '';
  return lines.map((l) => `<div class="line">${esc(l)}</div>`).join('');
}

function css(f: LabelFormat): string {
  const { label, page, grid } = f;
  const inner = label.heightMm - 2 * f.paddingMm;
  const qr = Math.min(f.qrMm, inner);
  const pageLayout = grid
    ? `display:grid;grid-template-columns:repeat(${grid.cols},${label.widthMm}mm);grid-auto-rows:${label.heightMm}mm;align-content:start;padding:${grid.topMm}mm 0 0 ${grid.leftMm}mm;`
    : '';
  const labelLayout =
    f.layout === 'row'
      ? `flex-direction:row;align-items:center;gap:${f.paddingMm}mm;`
      : `flex-direction:column;align-items:center;justify-content:flex-start;gap:0.5mm;text-align:center;`;
  return `@page{size:${page.widthMm}mm ${page.heightMm}mm;margin:0}
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:#fff;color:#000;font-family:system-ui,"Helvetica Neue",Arial,sans-serif;font-size:${f.fontPt}pt;line-height:1.15;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.page{width:${page.widthMm}mm;height:${page.heightMm}mm;overflow:hidden;break-after:page;page-break-after:always;${pageLayout}}
.page:last-child{break-after:auto;page-break-after:auto}
.label{width:${label.widthMm}mm;height:${label.heightMm}mm;padding:${f.paddingMm}mm;overflow:hidden;display:flex;${labelLayout}}
.qr{flex:none;width:${qr}mm;height:${qr}mm}
.qr svg{display:block;width:100%;height:100%}
.text{flex:1 1 auto;min-width:0;overflow:hidden;${f.layout === 'stack' ? 'width:100%;' : ''}}
.code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-weight:700;font-size:1.6em;letter-spacing:0.02em;word-break:break-all}
.code--mid{font-size:1.3em}.code--long{font-size:1em}
.title{font-weight:700;font-size:1.15em;margin-top:0.4mm;display:-webkit-box;-webkit-line-clamp:${f.layout === 'stack' ? 1 : 2};-webkit-box-orient:vertical;overflow:hidden}
.line,.spool,.spool span{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.spool{display:flex;align-items:center;gap:1mm;margin-top:0.4mm;${f.layout === 'stack' ? 'justify-content:center;' : ''}}
.swatch{flex:none;display:inline-block;width:3.5mm;height:3.5mm;border:0.25mm solid #000;border-radius:50%}
.skipped{margin:4mm;padding:3mm;border:1mm solid #b91c1c;font-size:11pt}
@media print{.skipped{display:none}}
@media screen{html{background:#d1d5db}body{background:transparent;padding:4mm}.page{background:#fff;margin:0 auto 4mm;box-shadow:0 1px 4px rgba(0,0,0,.3)}}
`;
}

function screenZoom(z: number | undefined): string {
  return z !== undefined && Number.isFinite(z) && z > 0 && z !== 1 ? `@media screen{body{zoom:${z}}}` : '';
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
