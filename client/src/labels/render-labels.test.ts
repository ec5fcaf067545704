import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeQr, isValidQrCode } from '@printfloor/shared';
import { renderLabelsHtml } from './render-labels.ts';
import { LABEL_FORMAT_IDS, LABEL_FORMATS } from './label-formats.ts';
import {
  badgeLabel,
  formatWeight,
  partLabel,
  printerLabel,
  spoolLabel,
  workOrderLabel,
  type LabelItem,
} from './label-items.ts';

const ORIGIN = 'https://farm.example';
const SPOOL_DOC = {
  code: 'SP-0001',
  material: 'PETG',
  colorName: 'Galaxy Black',
  colorHex: '#1a1a2e',
  brand: 'Prusament',
  netWeightG: 1000,
  diameterMm: 1.75,
  lot: 'L2291',
};
const SPOOL = spoolLabel(SPOOL_DOC);

function labels(html: string): string[] {
  return html.match(/<div class="label [^"]*"[^>]*>/g) ?? [];
}

describe('renderLabelsHtml', () => {
  it('sizes the page for each stock in millimetres', async () => {
    for (const id of LABEL_FORMAT_IDS) {
      const f = LABEL_FORMATS[id];
      const html = await renderLabelsHtml([SPOOL], id, ORIGIN);
      expect(html).toContain(`@page{size:${f.page.widthMm}mm ${f.page.heightMm}mm;margin:0}`);
      expect(html).toContain(`.label{width:${f.label.widthMm}mm;height:${f.label.heightMm}mm;`);
    }
  });

  it('puts the canonical URL in the QR and the code in plain text', async () => {
    const html = await renderLabelsHtml([SPOOL], 'thermal-62', ORIGIN);
    expect(html).toContain(`data-url="${encodeQr('spool', 'SP-0001', ORIGIN)}"`);
    expect(html).toContain('<div class="code">SP-0001</div>');
    expect(html.match(/<svg /g)).toHaveLength(1);
  });

  it('prints material, colour swatch, brand and weight on a spool label', async () => {
    const html = await renderLabelsHtml([SPOOL], 'thermal-62', ORIGIN);
    expect(html).toContain('<div class="title">PETG</div>');
    expect(html).toContain(
      '<span class="swatch" style="background:#1a1a2e"></span><span>Galaxy Black</span>',
    );
    expect(html).toContain('Prusament');
    expect(html).toContain('1 kg · 1.75 mm');
    expect(html).toContain('Lot L2291');
  });

  it('keeps a 40 × 30 label to the essentials', async () => {
    const html = await renderLabelsHtml([SPOOL], 'label-40x30', ORIGIN);
    expect(html).toContain('PETG · 1 kg');
    expect(html).not.toContain('class="title"');
    expect(html).not.toContain('Prusament');
    expect(html).not.toContain('Lot L2291');
  });

  it('prints one label per page on rolls and 24 per A4 sheet', async () => {
    const batch = Array.from({ length: 30 }, (_, i) =>
      spoolLabel({ ...SPOOL_DOC, code: `SP-${1000 + i}`, lot: '', netWeightG: 750 }),
    );
    const roll = await renderLabelsHtml(batch, 'thermal-54', ORIGIN);
    expect(roll.match(/<section class="page">/g)).toHaveLength(30);
    const a4 = await renderLabelsHtml(batch, 'a4-sheet', ORIGIN);
    expect(a4.match(/<section class="page">/g)).toHaveLength(2);
    expect(labels(a4)).toHaveLength(30);
    expect(a4).toContain('data-count="30"');
  });

  it('renders every kind of record', async () => {
    const items: LabelItem[] = [
      printerLabel({
        code: 'PR-P1S-01',
        name: 'Bambu P1S #1',
        brand: 'Bambu Lab',
        model: 'P1S',
        location: 'Rack A',
      }),
      partLabel({
        code: 'PT-1042',
        description: 'Cable clip',
        revision: 'C',
        drawingNumber: 'D-88',
        material: 'PETG',
      }),
      workOrderLabel({
        code: 'WO-2024-017',
        title: 'Cable clips for ACME',
        qtyOrdered: 400,
        dueDate: '2025-03-01',
        customerName: 'ACME',
      }),
      badgeLabel({ badgeCode: 'B-0042', displayName: 'Ana Ruiz', role: 'operator' }),
    ];
    const html = await renderLabelsHtml(items, 'a4-sheet', ORIGIN);
    for (const [kind, code] of [
      ['printer', 'PR-P1S-01'],
      ['part', 'PT-1042'],
      ['wo', 'WO-2024-017'],
      ['person', 'B-0042'],
    ] as const) {
      expect(html).toContain(`data-url="${encodeQr(kind, code, ORIGIN)}"`);
    }
    expect(html).toContain('Rev C');
    expect(html).toContain('Due 2025-03-01');
    expect(html).toContain('Ana Ruiz');
  });

  it('escapes text, and prints no swatch for a colour that is not #rrggbb', async () => {
    const evil: LabelItem = {
      kind: 'spool',
      code: 'SP-<b>',
      title: '<script>alert(1)</script>',
      spool: {
        material: 'PLA"',
        colorName: "O'Neil",
        colorHex: 'red;background:url(x)',
        brand: '&',
        weightG: 0,
      },
    };
    const html = await renderLabelsHtml([evil], 'thermal-62', ORIGIN);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('O&#39;Neil');
    expect(html).not.toContain('class="swatch"');
    expect(html).not.toContain('url(x)');
  });

  it('never prints a label it cannot encode, and says so on screen only', async () => {
    const html = await renderLabelsHtml(
      [SPOOL, { kind: 'person', code: '', title: 'No badge yet' }],
      'thermal-62',
      ORIGIN,
    );
    expect(labels(html)).toHaveLength(1);
    expect(html).toContain('Not printed (code cannot be put on a label): (empty)');
    expect(html).toContain('@media print{.skipped{display:none}}');
  });

  it('renders any valid code, with the URL it encodes, and never emits raw markup from it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 64 }).filter((s) => isValidQrCode(s)),
        async (code) => {
          const html = await renderLabelsHtml([{ kind: 'part', code, title: code }], 'label-40x30', ORIGIN);
          expect(labels(html)).toHaveLength(1);
          const body = html.slice(html.indexOf('<body'));
          expect(body.replace(/<svg[\s\S]*?<\/svg>/g, '')).not.toMatch(
            /<(?!\/?(div|section|span|body|html|p)\b)/,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('screen zoom', () => {
  it('enlarges the preview on screen only', async () => {
    const html = await renderLabelsHtml([SPOOL], 'label-40x30', ORIGIN, { screenZoom: 2.5 });
    expect(html).toContain('@media screen{body{zoom:2.5}}');
    expect(await renderLabelsHtml([SPOOL], 'label-40x30', ORIGIN)).not.toContain('zoom');
  });
});

describe('formatWeight', () => {
  it('prints grams under a kilo and kilos above', () => {
    expect(formatWeight(750)).toBe('750 g');
    expect(formatWeight(1000)).toBe('1 kg');
    expect(formatWeight(2250)).toBe('2.25 kg');
    expect(formatWeight(0)).toBe('');
    expect(formatWeight(Number.NaN)).toBe('');
  });
});
