import type { Locator, Page } from 'playwright-core';

/** The manager's live farm board (/manage/farm) and its sibling pages. */
export class ManagerBoardPage {
  constructor(readonly page: Page) {}

  tile(code: string): Locator {
    return this.page.locator(`[data-testid="printer-tile"][data-code="${code}"]`);
  }

  /** Waits until the printer's tile shows `state` (live); rejects after `timeoutMs`. */
  async waitForState(code: string, state: string, timeoutMs: number): Promise<void> {
    await this.page.waitForSelector(
      `[data-testid="printer-tile"][data-code="${code}"][data-state="${state}"][data-freshness="live"]`,
      { timeout: timeoutMs },
    );
  }

  /** Waits until some tile shows the floor step of work order `woCode` running. */
  async waitForFloorStep(woCode: string, timeoutMs: number): Promise<void> {
    await this.page.waitForSelector(`[data-testid="printer-floor-step"][data-wo-code="${woCode}"]`, {
      timeout: timeoutMs,
    });
  }

  async waitForLive(): Promise<void> {
    await this.page.waitForSelector('[data-testid="live-indicator"]:has-text("Live")');
  }

  async openSection(label: string, testId: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Manager sections' }).getByRole('link', { name: label }).click();
    await this.page.getByTestId(testId).waitFor();
  }
}
