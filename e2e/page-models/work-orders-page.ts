import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** The work-order list. */
export class WorkOrdersPage {
  readonly shell: AppShell;
  readonly rows: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.rows = page.getByTestId('wo-row');
    this.search = page.getByRole('searchbox', { name: 'Search work orders' });
  }

  async waitForRows(): Promise<void> {
    await this.rows.first().waitFor({ state: 'visible', timeout: 30_000 });
  }

  async filter(name: 'Open' | 'Draft' | 'Completed' | 'All'): Promise<void> {
    await this.page.getByRole('group', { name: 'Filter' }).getByRole('button', { name, exact: true }).click();
  }

  /** Finds a work order by code and opens it. */
  async open(code: string): Promise<void> {
    await this.filter('All');
    await this.search.fill(code);
    await this.rows.filter({ hasText: code }).first().click();
    await this.page.getByTestId('work-order').waitFor();
  }
}
