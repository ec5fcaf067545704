import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** Home = my station: the big next-thing button, the running step, loaded filament, the queue. */
export class StationPage {
  readonly shell: AppShell;
  readonly nextThing: Locator;
  readonly queueRows: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.nextThing = page.getByTestId('next-thing');
    this.queueRows = page.getByTestId('queue-row');
  }

  async open(): Promise<void> {
    await this.shell.openSection('Station');
    await this.page.getByTestId('station').waitFor();
  }

  /** Binds the tablet to a printer (by code) or a bench (by work-center code). */
  async bind(kind: 'printer' | 'center', code: string): Promise<void> {
    await this.shell.stationChip.click();
    await this.page.getByTestId('station-setup').waitFor();
    await this.page.locator(`[data-testid="station-${kind}"][data-code="${code}"]`).click();
    await this.page.getByTestId('station').waitFor();
  }

  /** Waits until the big button offers `kind` for this work order (and step). */
  async waitForNext(kind: 'start' | 'complete' | 'resume', woCode: string, opCode?: string): Promise<void> {
    const sel = `[data-testid="next-thing"][data-kind="${kind}"][data-wo-code="${woCode}"]${opCode ? `[data-op-code="${opCode}"]` : ''}`;
    await this.page.waitForSelector(sel, { timeout: 20_000 });
  }

  running(opCode: string): Locator {
    return this.page.locator(`[data-testid="running-step"][data-op-code="${opCode}"]`);
  }

  async tapNext(): Promise<void> {
    await this.nextThing.click();
  }

  /** Taps a button of the running step's card (`❚❚ Pause`, `▶ Resume`, `✓ Complete`, …). */
  async act(opCode: string, label: string): Promise<void> {
    await this.running(opCode)
      .getByTestId('step-actions')
      .getByRole('button', { name: label, exact: true })
      .first()
      .click();
  }

  panel(): Locator {
    return this.page.getByTestId('step-panel');
  }

  /** Fills the completion panel (good, scrap and its reason) and saves. */
  async fillComplete(good: number, scrap = 0, reason = ''): Promise<void> {
    const panel = this.panel();
    await panel.getByLabel('Good parts', { exact: true }).fill(String(good));
    await panel.getByLabel('Scrapped parts', { exact: true }).fill(String(scrap));
    if (scrap > 0) await panel.locator('select').selectOption(reason);
    await panel.getByTestId('panel-save').click();
  }

  async pause(opCode: string, reason: string): Promise<void> {
    await this.act(opCode, '❚❚ Pause');
    await this.panel().locator('select').selectOption(reason);
    await this.panel().getByTestId('panel-save').click();
  }

  /** Records filament used from a loaded spool against the running step. */
  async recordUse(spoolCode: string, grams: number): Promise<void> {
    const spool = this.page.locator(`[data-testid="loaded-spool"][data-code="${spoolCode}"]`);
    await spool.getByTestId('use-form').getByRole('textbox').fill(String(grams));
    await spool.getByTestId('use-form').getByRole('button', { name: 'Record use' }).click();
  }

  async loadedRemaining(spoolCode: string): Promise<string> {
    return (
      (await this.page
        .locator(`[data-testid="loaded-spool"][data-code="${spoolCode}"]`)
        .getByTestId('loaded-remaining')
        .textContent()) ?? ''
    );
  }
}
