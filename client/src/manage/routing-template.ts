import { sortOperations, type Operation, type Part, type WorkCenter, type WorkOrder } from '@printfloor/shared';
import type { NewMutable } from '../data/writes.ts';

/**
 * A part's routing template. Shared has no template on parts, and adding one would need a new
 * column on the replicated `parts` table (a server migration), so the template is derived: the
 * routing of the part's most recent work order that has one, with run minutes per unit (that
 * order's run minutes ÷ its quantity) so a new quantity scales them; setup minutes stay as they
 * were. A part never made before gets one print step from its `printMinutes`. The planner edits the
 * steps in the form before creating the order.
 */
export interface TemplateStep {
  code: string;
  name: string;
  workCenterId: string;
  printerId: string;
  plannedSetupMinutes: number;
  runMinutesPerUnit: number;
  notes: string;
}

export interface RoutingTemplate {
  /** The work order the steps come from; null for the one-step default. */
  source: Pick<WorkOrder, 'id' | 'code'> | null;
  steps: TemplateStep[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function routingTemplate(
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
      source: { id: src.id, code: src.code },
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
    source: null,
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
