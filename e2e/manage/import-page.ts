import type { Locator, Page } from 'playwright-core';

/** The manager's /manage/import page (page model). */
export class ImportPage {
  readonly file: Locator;
  readonly errors: Locator;
  readonly commitButton: Locator;
  readonly done: Locator;
  readonly counts: Locator;

  constructor(readonly page: Page) {
    this.file = page.getByTestId('import-file');
    this.errors = page.getByTestId('import-error');
    this.commitButton = page.getByTestId('import-commit');
    this.done = page.getByTestId('import-done');
    this.counts = page.getByTestId('import-counts');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/manage/import`);
    await this.page.getByTestId('import-page').waitFor({ timeout: 30_000 });
  }

  async choose(kind: 'Spools' | 'Parts' | 'Work orders' | 'Spoolman export'): Promise<void> {
    await this.page.getByRole('radio', { name: kind }).check();
  }

  /** Picks a file with this content, as the file picker would. */
  async upload(name: string, content: string, mimeType = 'text/csv'): Promise<void> {
    await this.file.setInputFiles({ name, mimeType, buffer: Buffer.from(content, 'utf8') });
    await this.counts.waitFor({ timeout: 30_000 });
  }

  /** The listed errors as [row, column, message]. */
  async errorRows(): Promise<string[][]> {
    const rows = await this.errors.all();
    return Promise.all(rows.map(async (r) => (await r.locator('td').allInnerTexts()).map((t) => t.trim())));
  }
}
