import type { Locator, Page } from 'playwright-core';

/** The manager's Audit log (/manage/audit, client/src/manage/AuditScreen.tsx). */
export class AuditLogPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly filters: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('audit-table');
    this.rows = page.getByTestId('audit-row');
    this.filters = page.getByTestId('audit-filters');
  }

  /** Rows of one action (`device.renamed`), newest first. */
  row(action: string): Locator {
    return this.page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
  }

  /** The Who, Record and Change cells of a row. */
  actor(row: Locator): Locator {
    return row.getByTestId('audit-actor');
  }
  target(row: Locator): Locator {
    return row.getByTestId('audit-target');
  }
  /** A field's before and after in a row's change (`data-field`). */
  change(row: Locator, field: string): { before: Locator; after: Locator } {
    const r = row.locator(`[data-testid="audit-diff"] tr[data-field="${field}"]`);
    return { before: r.locator('.audit-before'), after: r.locator('.audit-after') };
  }

  /** Filters by action (exact, or a prefix ending in `.`) and waits for the filtered page. */
  async filterByAction(action: string): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.url().includes('/api/manage/audit?'));
    await this.filters.getByLabel('Action').fill(action);
    await this.filters.getByRole('button', { name: 'Show' }).click();
    await answered;
    await this.table.waitFor();
  }

  async clearFilters(): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.url().includes('/api/manage/audit?'));
    await this.filters.getByRole('button', { name: 'Clear' }).click();
    await answered;
    await this.table.waitFor();
  }

  /** How far (px) the table reaches past the right edge of its card; > 0 = cut off or scrolling. */
  async overflow(): Promise<number> {
    return this.table.evaluate((t) => {
      const card = t.parentElement!.getBoundingClientRect();
      return (
        Math.max(t.getBoundingClientRect().right, t.scrollWidth + t.getBoundingClientRect().left) - card.right
      );
    });
  }

  /** The actions of the rows shown. */
  async actions(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? ''));
  }
}
