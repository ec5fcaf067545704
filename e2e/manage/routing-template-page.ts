import type { Locator, Page } from 'playwright-core';

export interface StepInput {
  code: string;
  name: string;
  workCenterId: string;
  printerId?: string;
  setup: number;
  runPerUnit: number;
  notes?: string;
}

/**
 * The routing steps table (client/src/manage/RoutingStepsTable.tsx) as it appears on a part's
 * template page (/manage/parts/<id>/routing) and in the work order form.
 */
export class RoutingStepsModel {
  constructor(
    readonly page: Page,
    readonly scope: Locator,
  ) {}

  rows(): Locator {
    return this.scope.getByTestId('routing-step');
  }

  async count(): Promise<number> {
    return this.rows().count();
  }

  /** Removes every step (the last one first, so the labels of the others do not move). */
  async clear(): Promise<void> {
    for (let n = await this.count(); n > 0; n--)
      await this.scope.getByLabel(`Remove step ${n}`, { exact: true }).click();
  }

  async add(s: StepInput): Promise<void> {
    await this.scope.getByRole('button', { name: 'Add step', exact: true }).click();
    const i = await this.count();
    const f = (what: string) => this.scope.getByLabel(`Step ${i} ${what}`, { exact: true });
    await f('code').fill(s.code);
    await f('name').fill(s.name);
    await f('work center').selectOption(s.workCenterId);
    await f('printer').selectOption(s.printerId ?? '');
    await f('setup minutes').fill(String(s.setup));
    await f('run minutes per part').fill(String(s.runPerUnit));
    await f('notes').fill(s.notes ?? '');
  }

  async moveUp(step: number): Promise<void> {
    await this.scope.getByLabel(`Move step ${step} up`, { exact: true }).click();
  }

  async names(): Promise<string[]> {
    const n = await this.count();
    const out: string[] = [];
    for (let i = 1; i <= n; i++)
      out.push(await this.scope.getByLabel(`Step ${i} name`, { exact: true }).inputValue());
    return out;
  }

  /** Heights and widths of every control in the table (touch targets). */
  async controlSizes(): Promise<{ what: string; width: number; height: number }[]> {
    return this.scope.locator('input, select, button').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return {
          what: el.getAttribute('aria-label') ?? el.textContent ?? el.tagName,
          width: r.width,
          height: r.height,
        };
      }),
    );
  }
}

/** /manage/parts/<id>/routing: a part's stored routing template. */
export class RoutingTemplatePage {
  readonly screen: Locator;
  readonly steps: RoutingStepsModel;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('routing-template-screen');
    this.steps = new RoutingStepsModel(page, page.getByTestId('template-editor'));
  }

  async status(): Promise<string> {
    return this.page.getByTestId('template-status').innerText();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('template-save').click();
  }
}
