import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** One work order: its routing steps (each with actions and a timeline) and its edit form. */
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
    await this.step(opCode).getByRole('button', { name: label, exact: true }).click();
  }

  /** The event types in a step's timeline, in order. */
  async timeline(opCode: string): Promise<string[]> {
    const items = this.step(opCode).getByTestId('step-event');
    return (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-type') ?? ''))) ?? [];
  }

  async waitForEvent(opCode: string, type: string): Promise<void> {
    await this.step(opCode).locator(`[data-testid="step-event"][data-type="${type}"]`).first().waitFor();
  }

  async status(opCode: string): Promise<string> {
    return (await this.step(opCode).locator('.badge').first().textContent()) ?? '';
  }
}
