import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** One work order: its routing steps (each with actions, summary and timeline) and notes. */
export class WorkOrderPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  step(opCode: string): Locator {
    return this.page.locator(`[data-testid="operation"][data-op-code="${opCode}"]`);
  }

  /** Taps an action button of a step (`▶ Start`, `❚❚ Pause`, `✓ Complete`, …). */
  async act(opCode: string, label: string): Promise<void> {
    await this.step(opCode)
      .getByTestId('step-actions')
      .getByRole('button', { name: label, exact: true })
      .first()
      .click();
  }

  /** Starts a step; confirms when the app asks (busy printer, or a lead's override). */
  async start(opCode: string): Promise<void> {
    await this.act(opCode, '▶ Start');
    const confirm = this.step(opCode).getByTestId('confirm-start');
    const started = this.page.locator(
      `[data-testid="operation"][data-op-code="${opCode}"][data-status="running"]`,
    );
    await Promise.race([confirm.waitFor(), started.waitFor()]);
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: '▶ Start anyway' }).click();
    await started.waitFor();
  }

  panel(opCode: string): Locator {
    return this.step(opCode).getByTestId('step-panel');
  }

  async complete(opCode: string, good: number, scrap = 0, reason = ''): Promise<void> {
    await this.act(opCode, '✓ Complete');
    const panel = this.panel(opCode);
    await panel.getByLabel('Good parts', { exact: true }).fill(String(good));
    await panel.getByLabel('Scrapped parts', { exact: true }).fill(String(scrap));
    if (scrap > 0) await panel.locator('select').selectOption(reason);
    await panel.getByTestId('panel-save').click();
    await this.waitForStatus(opCode, 'completed');
  }

  async qc(opCode: string, result: 'pass' | 'fail', note = ''): Promise<void> {
    await this.act(opCode, 'QC result');
    const panel = this.panel(opCode);
    if (note) await panel.getByRole('textbox').fill(note);
    await panel.getByRole('button', { name: result === 'pass' ? '✓ Pass' : '✗ Fail' }).click();
    await this.waitForEvent(opCode, 'qc');
  }

  async note(opCode: string, text: string): Promise<void> {
    await this.act(opCode, 'Add note');
    await this.panel(opCode).getByRole('textbox').fill(text);
    await this.panel(opCode).getByTestId('panel-save').click();
  }

  /** The event types in a step's timeline, in order. */
  async timeline(opCode: string): Promise<string[]> {
    const items = this.step(opCode).getByTestId('step-event');
    return items.evaluateAll((els) => els.map((e) => e.getAttribute('data-type') ?? ''));
  }

  async waitForEvent(opCode: string, type: string): Promise<void> {
    await this.step(opCode).locator(`[data-testid="step-event"][data-type="${type}"]`).first().waitFor();
  }

  async waitForStatus(opCode: string, status: string): Promise<void> {
    await this.page
      .locator(`[data-testid="operation"][data-op-code="${opCode}"][data-status="${status}"]`)
      .waitFor();
  }

  async status(opCode: string): Promise<string> {
    return (await this.step(opCode).locator('.badge').first().textContent()) ?? '';
  }
}
