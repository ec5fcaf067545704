import {
  sortOperations,
  type Operation,
  type Part,
  type TemplateStep,
  type WorkCenter,
  type WorkOrder,
} from '@printfloor/shared';
import type { NewMutable } from '../data/writes.ts';

export type { TemplateStep };

/**
 * Where a new work order's steps come from, in this order:
 * 1. `part`: the part's STORED routing template (`parts.routing`, edited on
 *    /manage/parts/<id>/routing or saved from the work order form);
 * 2. `work_order`: derived, the routing of the part's most recent work order that has one, with
 *    run minutes per unit (that order's run minutes ÷ its quantity) so a new quantity scales them;
 *    setup minutes stay as they were;
 * 3. `default`: a part never made and without a template gets one print step from `printMinutes`.
 * The planner edits the steps in the form before creating the order.
 */
export type TemplateSource =
  | { kind: 'part' }
  | { kind: 'work_order'; id: string; code: string }
  | { kind: 'default' };

export interface RoutingTemplate {
  source: TemplateSource;
  steps: TemplateStep[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function routingTemplate(
  part: Pick<Part, 'id' | 'printMinutes'> & { routing?: readonly TemplateStep[] },
  workOrders: readonly WorkOrder[],
  operations: readonly Operation[],
  workCenters: readonly Pick<WorkCenter, 'id' | 'kind' | 'active'>[] = [],
): RoutingTemplate {
  if (part.routing && part.routing.length > 0) {
    return { source: { kind: 'part' }, steps: part.routing.map((s) => ({ ...s })) };
  }
  return derivedTemplate(part, workOrders, operations, workCenters);
}

/** The template a part without a stored one gets: its latest routed order, else one print step. */
export function derivedTemplate(
  part: Pick<Part, 'id' | 'printMinutes'>,
  workOrders: readonly WorkOrder[],
  operations: readonly Operation[],
  workCenters: readonly Pick<WorkCenter, 'id' | 'kind' | 'active'>[] = [],
): RoutingTemplate {
  const opsBy = new Map<string, Operation[]>();
  for (const op of operations) opsBy.set(op.workOrderId, [...(opsBy.get(op.workOrderId) ?? []), op]);
  const candidates = workOrders
    .filter((w) => w.partId === part.id && (opsBy.get(w.id)?.length ?? 0) > 0)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.code.localeCompare(a.code));
  const src = candidates[0];
  if (src) {
    const qty = Math.max(1, src.qtyOrdered);
    return {
      source: { kind: 'work_order', id: src.id, code: src.code },
      steps: sortOperations(opsBy.get(src.id)!).map((op) => ({
        code: op.code,
        name: op.name,
        workCenterId: op.workCenterId,
        printerId: op.printerId,
        plannedSetupMinutes: op.plannedSetupMinutes,
        runMinutesPerUnit: round1(op.plannedRunMinutes / qty),
        notes: op.notes,
      })),
    };
  }
  const print = workCenters.find((w) => w.kind === 'print' && w.active);
  return {
    source: { kind: 'default' },
    steps: [
      {
        code: 'OP10',
        name: 'Print',
        workCenterId: print?.id ?? '',
        printerId: '',
        plannedSetupMinutes: 0,
        runMinutesPerUnit: part.printMinutes,
        notes: '',
      },
    ],
  };
}

/** What the form says about where its steps came from. */
export function templateSourceLabel(source: TemplateSource): string {
  switch (source.kind) {
    case 'part':
      return "From the part's template";
    case 'work_order':
      return `From ${source.code} (the part has no stored template)`;
    case 'default':
      return 'One print step from the part (no template, never made)';
  }
}

/** Two step lists describe the same routing (a saved template needs no second save). */
export function sameSteps(a: readonly TemplateStep[], b: readonly TemplateStep[]): boolean {
  const keys: (keyof TemplateStep)[] = ['code', 'name', 'workCenterId', 'printerId', 'plannedSetupMinutes', 'runMinutesPerUnit', 'notes'];
  return a.length === b.length && a.every((s, i) => keys.every((k) => s[k] === b[i]![k]));
}

/** The operations of a new work order from template steps: sequence 10, 20, …; run minutes × qty. */
export function operationsFromTemplate(
  workOrderId: string,
  steps: readonly TemplateStep[],
  qty: number,
): NewMutable<'operations'>[] {
  return steps.map((s, i) => ({
    workOrderId,
    sequence: (i + 1) * 10,
    code: s.code || `OP${(i + 1) * 10}`,
    name: s.name,
    workCenterId: s.workCenterId,
    plannedSetupMinutes: s.plannedSetupMinutes,
    plannedRunMinutes: Math.min(100_000, round1(s.runMinutesPerUnit * qty)),
    printerId: s.printerId,
    notes: s.notes,
  }));
}

/** `WO-<year>-<n>` one past the highest number of that year seen here (the planner can change it). */
export function nextWorkOrderCode(workOrders: readonly Pick<WorkOrder, 'code'>[], year: number): string {
  const re = new RegExp(`^WO-${year}-(\\d+)$`);
  let max = 0;
  for (const w of workOrders) {
    const m = re.exec(w.code);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `WO-${year}-${String(max + 1).padStart(4, '0')}`;
}
