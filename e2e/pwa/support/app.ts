import type { Page } from 'playwright-core';

/**
 * The floor's first screen with data on it: the app opens at `/`, which leads to the station /
 * work-order list. Data is there when at least one work order row (or station card) shows.
 */
export const HOME_WITH_DATA = '[data-testid="wo-row"], [data-testid="station"] [data-testid="station-item"]';

/** Enrols from the demo link, then waits for the first screen with data. */
export async function openHome(page: Page, enrolUrl: string): Promise<void> {
  await page.goto(enrolUrl);
  await page.locator(HOME_WITH_DATA).first().waitFor({ state: 'visible', timeout: 60_000 });
}

/** Waits for the first screen with data after a reload or a cold start. */
export async function waitForHomeData(page: Page, timeout = 30_000): Promise<void> {
  await page.locator(HOME_WITH_DATA).first().waitFor({ state: 'visible', timeout });
}
