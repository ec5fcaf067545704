import type { Locator, Page } from 'playwright-core';

export type SyncState = 'offline' | 'blocked' | 'syncing' | 'synced' | 'standby';

/** The frame around every screen: the sync indicator and the section tabs. */
export class AppShell {
  readonly syncIndicator: Locator;

  constructor(readonly page: Page) {
    this.syncIndicator = page.getByTestId('sync-indicator');
  }

  async syncState(): Promise<SyncState | null> {
    return (await this.syncIndicator.getAttribute('data-state')) as SyncState | null;
  }

  async pending(): Promise<number> {
    return Number(await this.syncIndicator.getAttribute('data-pending'));
  }

  /** Waits until the indicator shows `state` (and, when given, exactly `pending` edits waiting). */
  async waitForSync(state: SyncState, pending?: number, timeout = 30_000): Promise<void> {
    const selector =
      `[data-testid="sync-indicator"][data-state="${state}"]` +
      (pending === undefined ? '' : `[data-pending="${pending}"]`);
    await this.page.waitForSelector(selector, { timeout });
  }

  /** Switches section with the tab bar (an in-app navigation: no reload, works offline). */
  async openSection(name: 'Work orders' | 'Spools' | 'Printers' | 'Parts' | 'Reference'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name, exact: true })
      .click();
  }
}
