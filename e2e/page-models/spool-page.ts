import type { Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** One spool: remaining grams, weigh-in, use, load/unload, move, mark empty, the ledger. */
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

  /** Loads the spool onto a printer (by its option text, e.g. `PR-013`) and slot. */
  async load(printerCode: string, slot: string): Promise<void> {
    const form = this.page.getByTestId('load-form');
    const select = form.getByLabel('Printer');
    const value = await select.locator('option', { hasText: printerCode }).first().getAttribute('value');
    await select.selectOption(value ?? '');
    await form.getByLabel('Slot / tool').selectOption(slot);
    await form.getByRole('button', { name: 'Load' }).click();
    await this.page.getByTestId('spool-where').filter({ hasText: printerCode }).waitFor();
  }

  async unload(location: string): Promise<void> {
    const form = this.page.getByTestId('unload-form');
    await form.getByLabel('Put it at (shelf, dry box)').fill(location);
    await form.getByRole('button', { name: 'Unload' }).click();
  }

  async waitForRemaining(text: string): Promise<void> {
    await this.page.getByTestId('remaining').filter({ hasText: text }).waitFor();
  }

  /** Ledger row types, newest first. */
  async ledgerTypes(): Promise<string[]> {
    return this.page
      .getByTestId('ledger-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type') ?? ''));
  }
}
