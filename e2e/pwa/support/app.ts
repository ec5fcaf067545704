import type { Page } from 'playwright-core';

/**
 * The app opened (its frame with the sync indicator, at the station home screen `/`) and the
 * shift's data is on the tablet: the work-order list, reached by an in-app tap, has rows.
 */
export async function waitForHomeData(page: Page, timeout = 30_000): Promise<void> {
  await page.getByTestId('sync-indicator').waitFor({ state: 'visible', timeout });
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Work orders', exact: true })
    .click();
  await page.getByTestId('wo-row').first().waitFor({ state: 'visible', timeout });
}

/** Enrols from the demo link, then waits for the home screen and the data. */
export async function openHome(page: Page, enrolUrl: string): Promise<void> {
  await page.goto(enrolUrl);
  await waitForHomeData(page, 60_000);
}

/**
 * Operators sign in before they work on a step (badge scan or PIN). When the step asks for it,
 * signs in with `badgeCode` as a wedge scanner or a typed code would, and comes back to the step.
 */
export async function signInIfAsked(page: Page, badgeCode: string): Promise<void> {
  const ask = page.locator('a, button', { hasText: /^Sign in to work/ }).first();
  if (!(await ask.isVisible())) return;
  await ask.click();
  await page.getByTestId('badge-input').fill(badgeCode);
  await page.getByTestId('sign-in').getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('sign-in').waitFor({ state: 'detached' });
}

/** Signs an operator in with a badge code on the sign-in screen (opened by URL: works offline too). */
export async function signIn(page: Page, badgeCode: string): Promise<void> {
  await page.goto(new URL('/sign-in', page.url()).href);
  await page.getByTestId('badge-input').fill(badgeCode);
  await page.getByTestId('sign-in').getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('sign-in').waitFor({ state: 'detached' });
}

/** Binds this tablet to the first printer offered, so `/` is a real station screen. */
export async function bindStation(page: Page): Promise<void> {
  await page.goto(new URL('/station', page.url()).href);
  await page.getByTestId('station-printer').first().click();
  await page.goto(new URL('/', page.url()).href);
  await page.getByTestId('station').waitFor({ timeout: 30_000 });
}

/** The station screen with its floor data loaded (what an operator sees first). */
export const STATION_READY = '[data-testid="station"]';
