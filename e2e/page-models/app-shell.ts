import type { Locator, Page } from 'playwright-core';

export type SyncState = 'offline' | 'blocked' | 'syncing' | 'synced' | 'standby';
export type Section = 'Station' | 'Work orders' | 'Spools' | 'Printers' | 'Parts' | 'More';

/** The frame around every screen: station and operator chips, the sync indicator, the sections, undo. */
export class AppShell {
  readonly syncIndicator: Locator;
  readonly stationChip: Locator;
  readonly operatorChip: Locator;
  readonly undoBar: Locator;

  constructor(readonly page: Page) {
    this.syncIndicator = page.getByTestId('sync-indicator');
    this.stationChip = page.getByTestId('station-chip');
    this.operatorChip = page.getByTestId('operator-chip');
    this.undoBar = page.getByTestId('undo-bar');
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
  async openSection(name: Section): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name, exact: true })
      .click();
  }

  /** Taps Undo on the undo bar (inside its 10 s) and waits for the bar to go. */
  async undo(): Promise<void> {
    await this.undoBar.getByTestId('undo').click();
    await this.page.getByTestId('toast').filter({ hasText: 'Undone' }).waitFor();
  }

  /** Waits until the last action's undo bar names `text`. */
  async waitForUndoBar(text: string): Promise<void> {
    await this.undoBar.filter({ hasText: text }).waitFor();
  }
}
