import type { Locator, Page } from 'playwright-core';

/** The manager's planning and tracing pages (client/src/manage/: Plan, Timeline, Trace, …). */
export class ManagerPages {
  constructor(readonly page: Page) {}

  async openTab(label: string, testId: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Manager sections' }).getByRole('link', { name: label, exact: true }).click();
    await this.page.getByTestId(testId).waitFor();
  }

  card(code: string): Locator {
    return this.page.locator(`[data-testid="wo-card"][data-code="${code}"]`);
  }

  /** Fills the new-work-order form (the part's template fills the routing). */
  async fillNewOrder(o: { partId: string; qty: number; due: string; priority: number; customer: string }): Promise<void> {
    const form = this.page.getByTestId('wo-editor');
    await form.locator('select[name="partId"]').selectOption(o.partId);
    await form.locator('input[name="qty"]').fill(String(o.qty));
    await form.locator('input[name="dueDate"]').fill(o.due);
    await form.locator('select[name="priority"]').selectOption(String(o.priority));
    await form.locator('input[name="customerName"]').fill(o.customer);
  }

  /** Scrolls the manager view's own scroller to the top (screenshots show a page from its head). */
  async toTop(): Promise<void> {
    await this.page.evaluate(() => document.querySelector('.manage')?.scrollTo(0, 0));
  }

  /**
   * Drags a card's grip with the mouse (pointer events) up to the top of its column, past `first`:
   * the pointer walks to the board's top edge and waits there while the board scrolls (a long
   * column does not fit the screen). Returns the priority label the card showed just before the drop.
   */
  async dragCardAboveFirst(code: string, first: Locator): Promise<string> {
    const card = this.card(code);
    await card.scrollIntoViewIfNeeded();
    const g = (await card.getByTestId('wo-grip').boundingBox())!;
    const c = (await card.boundingBox())!;
    const board = (await this.page.locator('.manage').boundingBox())!;
    // Where the card lands is decided by its middle, this far below the pointer.
    const offset = c.y + c.height / 2 - (g.y + g.height / 2);
    const x = g.x + g.width / 2;
    let y = g.y + g.height / 2;
    const topY = Math.max(board.y, 0) + 20;
    const mouse = this.page.mouse;
    await mouse.move(x, y);
    await mouse.down();
    while (y > topY) {
      y = Math.max(topY, y - 30);
      await mouse.move(x, y);
    }
    for (let i = 0; i < 100; i++) {
      const f = (await first.boundingBox())!;
      if (f.y + f.height / 2 > y + offset + 10) break;
      await mouse.move(x, y + (i % 2));
    }
    const label = await card.getByTestId('drag-target').innerText();
    await mouse.up();
    return label;
  }
}
