import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** The spool list with remaining grams per spool. */
export class SpoolsPage {
  readonly shell: AppShell;
  readonly rows: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.rows = page.getByTestId('spool-row');
    this.search = page.getByRole('searchbox', { name: 'Search spools' });
  }

  async waitForRows(): Promise<void> {
    await this.rows.first().waitFor({ state: 'visible', timeout: 30_000 });
  }

  async open(code: string): Promise<void> {
    await this.search.fill(code);
    await this.rows.filter({ hasText: code }).first().click();
    await this.page.getByTestId('spool').waitFor();
  }
}
