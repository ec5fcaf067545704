import type { Operation } from '@printfloor/shared';
import { newId } from '../data/ids.ts';
import type { TemplateStep } from './routing-template.ts';

/**
 * A routing step as the forms hold it (the work order form and the part's template editor): text
 * in the number fields until saved, so a half-typed "1," is not rejected while typing.
 */
export interface StepDraft {
  key: string;
  /** Set for a work order step that already exists. */
  id: string | null;
  code: string;
  name: string;
  workCenterId: string;
  printerId: string;
  setup: string;
  /** Run minutes per part: the total is this × the quantity, so a new quantity rescales the plan. */
  runPerUnit: string;
  notes: string;
  /** The floor has recorded events on it: it can no longer be removed. */
  locked: boolean;
}

/** A number as typed: a decimal comma counts as a point. */
export const num = (s: string) => Number(s.trim().replace(',', '.'));
const round2 = (n: number) => Math.round(n * 100) / 100;

export function stepDraftsFromTemplate(steps: readonly TemplateStep[]): StepDraft[] {
  return steps.map((s) => ({
    key: newId(),
    id: null,
    code: s.code,
    name: s.name,
    workCenterId: s.workCenterId,
    printerId: s.printerId,
    setup: String(s.plannedSetupMinutes),
    runPerUnit: String(s.runMinutesPerUnit),
    notes: s.notes,
    locked: false,
  }));
}

export function stepDraftsFromOperations(
  ops: readonly Operation[],
  qty: number,
  started: ReadonlySet<string>,
): StepDraft[] {
  return ops.map((op) => ({
    key: op.id,
    id: op.id,
    code: op.code,
    name: op.name,
    workCenterId: op.workCenterId,
    printerId: op.printerId,
    setup: String(op.plannedSetupMinutes),
    runPerUnit: String(round2(op.plannedRunMinutes / Math.max(1, qty))),
    notes: op.notes,
    locked: started.has(op.id),
  }));
}

/** A new empty step, coded one past the list (OP10, OP20, …). */
export function blankStepDraft(index: number): StepDraft {
  const code = `OP${(index + 1) * 10}`;
  return {
    key: newId(),
    id: null,
    code,
    name: '',
    workCenterId: '',
    printerId: '',
    setup: '0',
    runPerUnit: '0',
    notes: '',
    locked: false,
  };
}

export function toTemplateStep(d: StepDraft): TemplateStep {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    workCenterId: d.workCenterId,
    printerId: d.printerId,
    plannedSetupMinutes: num(d.setup),
    runMinutesPerUnit: num(d.runPerUnit),
    notes: d.notes,
  };
}

/** The first problem with a list of steps (names, minutes), or null when they can be saved. */
export function stepsError(steps: readonly StepDraft[], opts: { allowEmpty?: boolean } = {}): string | null {
  if (steps.length === 0 && !opts.allowEmpty) return 'a work order needs at least one step';
  for (const [i, s] of steps.entries()) {
    if (!s.name.trim()) return `step ${i + 1} needs a name`;
    for (const v of [s.setup, s.runPerUnit]) {
      const n = num(v);
      if (!(n >= 0) || n > 100_000) return `step ${i + 1}: minutes must be a number from 0 to 100000`;
    }
  }
  return null;
}
