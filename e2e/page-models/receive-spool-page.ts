import type { Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

export interface NewSpool {
  code: string;
  material: string;
  brand: string;
  colorName: string;
  /** One of the form's preset colours, e.g. `#000000`. */
  colorHex: string;
  netWeightG: number;
  tareWeightG: number;
  location: string;
}

/** The receive-a-spool form (from the spool list's "+ Receive spool"). */
export class ReceiveSpoolPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async receive(s: NewSpool): Promise<void> {
    await this.page.getByTestId('receive-spool').click();
    const form = this.page.getByTestId('receive-form');
    await form.waitFor();
    await form.getByLabel('Code (from the label)').fill(s.code);
    await form.getByLabel('Material').fill(s.material);
    await form.getByLabel('Brand').fill(s.brand);
    await form.getByLabel('Colour name').fill(s.colorName);
    await form.getByRole('button', { name: `colour ${s.colorHex}` }).click();
    await form.getByLabel('Net filament weight (g)').fill(String(s.netWeightG));
    await form.getByLabel('Empty spool weight (g)').fill(String(s.tareWeightG));
    await form.getByLabel('Location (shelf, dry box)').fill(s.location);
    await form.getByRole('button', { name: /^Receive / }).click();
    await this.page.getByTestId('spool').waitFor();
  }
}
