import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable } from '../support/chromium.ts';
import { closeDemoShop, openDemoShop } from '../support/demo-shop.ts';
import { createFirstManager, openManagerSession } from '../support/manager-session.ts';
import { ARTIFACTS_DIR } from '../support/paths.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';

/**
 * Issue 6 at a lead's other screens: the manager pages on a portrait tablet (800×1280) and a phone
 * (390×844), demo farm, real server. Nothing may run off the right edge — a table, card or chart
 * wider than the screen hides what it holds or makes the whole page scroll sideways (the audit table
 * and the Quality charts did) — unless it sits in a container made to scroll sideways (the phone's
 * section tabs, the timeline). Screenshots go to e2e/artifacts/narrow-*.png.
 */
const hasChromium = chromiumAvailable();
const ADMIN = { email: 'narrow@e2e.example', password: 'a long enough e2e password' };
const PAGES: [path: string, testId: string][] = [
  ['/manage/farm', 'farm-board'],
  ['/manage/orders', 'orders-board'],
  ['/manage/inventory', 'inventory'],
  ['/manage/quality', 'quality'],
  ['/manage/timeline', 'timeline'],
  ['/manage/tablets', 'tablets'],
  ['/manage/parts', 'parts-screen'],
  ['/manage/audit', 'audit-table'],
];
const SIZES = [
  { width: 800, height: 1280 },
  { width: 390, height: 844 },
];

let env: ServerEnv | null = null;
let server: TestServer | null = null;
let browser: Browser | null = null;

/**
 * What makes the page itself scroll sideways: the page box (`.page`, the app's scroll container) or
 * the document wider than the screen, with the elements sticking out furthest. Containers meant to
 * scroll sideways (the phone's section tabs, the timeline) keep their overflow inside and pass.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const box of [document.documentElement, ...document.querySelectorAll<HTMLElement>('.page')]) {
      if (box.scrollWidth - box.clientWidth <= 1) continue;
      const edge = box.getBoundingClientRect().left + box.clientWidth;
      const worst = [...box.querySelectorAll('*')]
        .map((el) => ({ el, right: el.getBoundingClientRect().right }))
        .filter((x) => x.right > edge + 1)
        .sort((a, b) => b.right - a.right)
        .slice(0, 3)
        .map(
          ({ el, right }) =>
            `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(right)}`,
        );
      out.push(
        `${box.tagName.toLowerCase()}.${box.className} scrolls sideways by ${box.scrollWidth - box.clientWidth} px: ${worst.join(', ')}`,
      );
    }
    return out;
  });
}

describe.skipIf(!hasChromium)('manager pages on a portrait tablet and a phone', () => {
  beforeAll(async () => {
    ({ env, server, browser } = await openDemoShop());
    await createFirstManager(server, ADMIN);
  });

  afterAll(() => closeDemoShop({ env, server, browser }));

  it('fit the screen: nothing runs off the right edge', { timeout: 240_000 }, async () => {
    const { ctx, page, errors } = await openManagerSession(browser!, server!, ADMIN, {
      syncTimeoutMs: 120_000,
    });
    const problems: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const [path, testId] of PAGES) {
        await page.goto(`${server!.url}${path}`);
        await page.getByTestId(testId).first().waitFor();
        // Server reports and charts arrive after the page: measure once they are drawn.
        if (testId === 'quality')
          await page.waitForSelector('[data-testid="quality"]:not([data-figures="none"])');
        await page.waitForTimeout(800);
        for (const o of await overflowing(page)) problems.push(`${path} at ${size.width}: ${o}`);
        await page.screenshot({
          path: join(ARTIFACTS_DIR, `narrow-${path.split('/').pop()}-${size.width}x${size.height}.png`),
        });
      }
    }
    // The current section's tab is in view on the phone, where the tabs scroll sideways.
    const current = page.locator('nav[aria-label="Manager sections"] [aria-current="page"]');
    const box = (await current.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390 + 1);
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
