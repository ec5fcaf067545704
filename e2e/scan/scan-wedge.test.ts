import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable } from '../support/chromium.ts';
import { launchChromium } from './support/browser.ts';
import { buildHarness, serveDir, type StaticServer } from './support/harness.ts';
import { scanWithWedge } from './support/wedge-scanner.ts';
import './support/harness-types.ts';

if (!chromiumAvailable())
  console.warn('e2e/scan wedge tests SKIPPED: no Chromium (apt-get install -y chromium)');

/** A keyboard-wedge scanner: the whole code and Enter, 5 ms per key (support/wedge-scanner.ts). */
const scanAsWedge = (page: Page, code: string) => scanWithWedge(page, code, { gapMs: 5 });

function scanCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__scans.length);
}

describe.skipIf(!chromiumAvailable())('keyboard-wedge scanner in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await serveDir(await buildHarness());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<Page> {
    page = await browser.newPage();
    await page.goto(`${server.url}/?mode=wedge`);
    await page.getByTestId('note').waitFor();
    return page;
  }

  it('opens the record when nothing has the focus', async () => {
    await open();
    await scanAsWedge(page, 'SP-0001');
    await expect
      .poll(() => page.getByTestId('outcome').textContent())
      .toBe('open SP-0001 PLA · Galaxy Black');
    expect(await page.evaluate(() => window.__scans)).toMatchObject([{ text: 'SP-0001', source: 'wedge' }]);
    await page.close();
  });

  it('types nothing into a focused field: React-controlled, plain, and a textarea', async () => {
    await open();
    await page.getByTestId('note').click();
    await page.keyboard.type('abc', { delay: 80 }); // a person, before the scan
    await page.waitForTimeout(200); // …who then picks up the scanner
    for (const [i, field] of ['note', 'plain', 'area'].entries()) {
      await page.getByTestId(field).click();
      await scanAsWedge(page, 'SP-0001');
      await expect.poll(() => scanCount(page)).toBe(i + 1);
    }
    expect(await page.getByTestId('note').inputValue()).toBe('abc');
    expect(await page.getByTestId('note-mirror').textContent()).toBe('abc'); // React state agrees
    expect(await page.getByTestId('plain').inputValue()).toBe('');
    expect(await page.getByTestId('area').inputValue()).toBe(''); // not even the Enter's newline
    expect(await page.getByTestId('outcome').textContent()).toBe('open SP-0001 PLA · Galaxy Black');
    await page.close();
  });

  it('leaves a person typing the same characters alone', async () => {
    await open();
    await page.getByTestId('note').click();
    // The driver only ever delivers keys later than asked, so these gaps are ≥ 90 ms: a person.
    await page.keyboard.type('SP-0001\n', { delay: 90 });
    expect(await page.getByTestId('note').inputValue()).toBe('SP-0001');
    expect(await scanCount(page)).toBe(0);
    await page.close();
  });

  it('types the scan into a field marked data-wedge="type"', async () => {
    await open();
    await page.getByTestId('lot').click();
    await scanAsWedge(page, 'LOT-2291');
    expect(await page.getByTestId('lot').inputValue()).toBe('LOT-2291');
    expect(await scanCount(page)).toBe(0);
    await page.close();
  });

  it('explains a scan that is no label, and changes nothing', async () => {
    await open();
    await page.getByTestId('plain').click();
    await scanAsWedge(page, 'https://www.example.com/pla');
    await expect
      .poll(() => page.getByTestId('outcome').textContent())
      .toBe('Not a label this app knows: a link to another site or page, not a Printfloor label.');
    expect(await page.getByTestId('plain').inputValue()).toBe('');
    await page.close();
  });
});
