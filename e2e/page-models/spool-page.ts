import type { Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** One spool: remaining grams, consumption and weigh-in, the ledger. */
export class SpoolPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  /** The big remaining-weight figure, e.g. `435 g`. */
  async remainingText(): Promise<string> {
    return (await this.page.getByTestId('remaining').textContent()) ?? '';
  }

  async consume(grams: number): Promise<void> {
    const form = this.page.getByTestId('consume-form');
    await form.getByLabel('Filament used (g)').fill(String(grams));
    await form.getByRole('button', { name: 'Record use' }).click();
  }

  async weighIn(grossGrams: number): Promise<void> {
    const form = this.page.getByTestId('weigh-form');
    await form.getByLabel('Scale reading, spool included (g)').fill(String(grossGrams));
    await form.getByRole('button', { name: 'Record weigh-in' }).click();
  }

  async waitForRemaining(text: string): Promise<void> {
    await this.page.getByTestId('remaining').filter({ hasText: text }).waitFor();
  }
}
