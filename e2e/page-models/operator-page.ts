import type { Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** Who works on the tablet: sign in by badge or PIN, set a PIN, the two-tap switch, sign out. */
export class OperatorPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  private async openSignIn(): Promise<void> {
    await this.shell.operatorChip.click();
    await this.page.getByRole('menuitem', { name: /Someone else/ }).click();
    await this.page.getByTestId('sign-in').waitFor();
  }

  /** Types the badge code into the badge box (what a keyboard-wedge scanner does) and submits. */
  async signInByBadge(code: string): Promise<void> {
    await this.openSignIn();
    const input = this.page.getByTestId('badge-input');
    await input.fill(code);
    await input.press('Enter');
    await this.page.getByTestId('sign-in').waitFor({ state: 'detached' });
  }

  /** Picks the name, then taps the PIN on the keypad. */
  async signInByPin(name: string, pin: string): Promise<void> {
    await this.openSignIn();
    await this.page.getByTestId('person-tile').filter({ hasText: name }).first().click();
    await this.tapPin(pin);
    await this.page.getByTestId('sign-in').waitFor({ state: 'detached' });
  }

  async tapPin(pin: string): Promise<void> {
    const pad = this.page.getByTestId('pinpad');
    for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
    await pad.getByRole('button', { name: 'OK', exact: true }).click();
  }

  /** The signed-in person sets their PIN on this tablet (entered twice). */
  async setPin(pin: string): Promise<void> {
    await this.shell.operatorChip.click();
    await this.page.getByRole('menuitem', { name: 'Set my PIN' }).click();
    await this.page.getByTestId('set-pin').waitFor();
    await this.tapPin(pin);
    await this.page.getByRole('group', { name: 'New PIN again' }).waitFor();
    await this.tapPin(pin);
    await this.page.getByTestId('set-pin').waitFor({ state: 'detached' });
  }

  async signOut(): Promise<void> {
    await this.shell.operatorChip.click();
    await this.page.getByRole('menuitem', { name: /^Sign out/ }).click();
    await this.shell.operatorChip.filter({ hasText: 'Nobody signed in' }).waitFor();
  }

  /** The two-tap switch: the chip, then a name signed in earlier this shift. */
  async switchTo(name: string): Promise<void> {
    await this.shell.operatorChip.click();
    await this.page.getByRole('menuitem', { name: new RegExp(name) }).click();
    await this.shell.operatorChip.filter({ hasText: name }).waitFor();
  }

  async current(): Promise<string> {
    return (await this.shell.operatorChip.textContent()) ?? '';
  }
}
