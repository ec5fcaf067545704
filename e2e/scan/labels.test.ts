import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { encodeQr } from '@printfloor/shared';
import { chromiumAvailable } from '../support/chromium.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import { renderLabelsHtml } from '../../client/src/labels/render-labels.ts';
import { spoolLabel, badgeLabel } from '../../client/src/labels/label-items.ts';
import { LABEL_FORMAT_IDS, LABEL_FORMATS } from '../../client/src/labels/label-formats.ts';
import { launchChromium } from './support/browser.ts';
import { decodeQrPng } from './support/decode-png.ts';
import { buildHarness, serveDir, type StaticServer } from './support/harness.ts';

if (!chromiumAvailable())
  console.warn('e2e/scan label tests SKIPPED: no Chromium (apt-get install -y chromium)');

const ORIGIN = 'https://printfloor.example:8443';
const spool = (code: string, colorHex = '#e4572e') =>
  spoolLabel({
    code,
    material: 'PETG',
    colorName: 'Signal Orange',
    colorHex,
    brand: 'Prusament',
    netWeightG: 1000,
    diameterMm: 1.75,
    lot: 'L-2291',
  });

/** Page sizes (points) of a PDF, read from its /MediaBox entries. */
function pdfPageSizes(pdf: Buffer): [number, number][] {
  const boxes = pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g);
  return [...boxes].map((m) => [Number(m[1]), Number(m[2])]);
}
const mmToPt = (mm: number) => (mm / 25.4) * 72;

describe.skipIf(!chromiumAvailable())('labels in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  // Thermal printers print at 203 dpi, about twice the CSS 96 dpi: screenshots at scale 2.
  it.each(LABEL_FORMAT_IDS)(
    'round trip on %s: render, screenshot, decode the QR, get the spool URL back',
    async (format) => {
      const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 900, height: 1200 } });
      await page.setContent(await renderLabelsHtml([spool('SP-0001')], format, ORIGIN));
      const label = page.locator('.label').first();
      const shot = await label.screenshot({ path: join(ARTIFACTS_DIR, `label-${format}.png`) });
      expect(decodeQrPng(shot)).toBe(encodeQr('spool', 'SP-0001', ORIGIN));
      // Printed size: the label's box is the stock's size in millimetres (96 CSS px per inch).
      const box = await label.boundingBox();
      const f = LABEL_FORMATS[format];
      expect(box!.width).toBeCloseTo((f.label.widthMm / 25.4) * 96, 0);
      expect(box!.height).toBeCloseTo((f.label.heightMm / 25.4) * 96, 0);
      await page.close();
    },
  );

  it('decodes every label of a batch on an A4 sheet, each to its own record', async () => {
    const items = [
      spool('SP-0001'),
      spool('SP-0002', '#2e86e4'),
      spool('SP-0003', '#ffffff'),
      badgeLabel({ badgeCode: 'B-0042', displayName: 'Ana Ruiz', role: 'operator' }),
    ];
    const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 900, height: 1200 } });
    await page.setContent(await renderLabelsHtml(items, 'a4-sheet', ORIGIN));
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'labels-a4-sheet.png'), fullPage: true });
    const decoded: (string | null)[] = [];
    for (const label of await page.locator('.label').all())
      decoded.push(decodeQrPng(await label.screenshot()));
    expect(decoded).toEqual([
      encodeQr('spool', 'SP-0001', ORIGIN),
      encodeQr('spool', 'SP-0002', ORIGIN),
      encodeQr('spool', 'SP-0003', ORIGIN),
      encodeQr('person', 'B-0042', ORIGIN),
    ]);
    await page.close();
  });

  it('prints one page per label on a roll and 24 per A4 sheet, at the stock size', async () => {
    const page = await browser.newPage();
    const batch = Array.from({ length: 26 }, (_, i) => spool(`SP-${String(i + 1).padStart(4, '0')}`));
    await page.setContent(await renderLabelsHtml(batch.slice(0, 3), 'thermal-62', ORIGIN));
    const roll = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(ARTIFACTS_DIR, 'labels-thermal-62.pdf'), roll);
    const rollPages = pdfPageSizes(roll);
    expect(rollPages).toHaveLength(3);
    for (const [w, h] of rollPages) {
      expect(w).toBeCloseTo(mmToPt(62), 0);
      expect(h).toBeCloseTo(mmToPt(40), 0);
    }
    await page.setContent(await renderLabelsHtml(batch, 'a4-sheet', ORIGIN));
    const sheet = pdfPageSizes(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(sheet).toHaveLength(2);
    expect(sheet[0]![0]).toBeCloseTo(mmToPt(210), 0);
    expect(sheet[0]![1]).toBeCloseTo(mmToPt(297), 0);
    await page.close();
  });

  describe('print dialog', () => {
    let server: StaticServer;
    beforeAll(async () => {
      server = await serveDir(await buildHarness());
    });
    afterAll(() => server?.close());

    it('previews the chosen stock, and the preview decodes to the spool URL', async () => {
      const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 1280, height: 800 } });
      await page.goto(`${server.url}/?mode=labels`);
      await page.getByRole('radio', { name: /40 × 30 mm/ }).click();
      const preview = page.frameLocator('[data-testid="labels-preview"]');
      await expect.poll(() => preview.locator('body').getAttribute('data-format')).toBe('label-40x30');
      const shot = await preview.locator('.label').first().screenshot();
      expect(decodeQrPng(shot)).toBe(encodeQr('spool', 'SP-0001', 'http://printfloor.test'));
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'labels-dialog.png') });
      await page.close();
    });
  });
});
