import type { DocOf } from '@printfloor/shared';
import { CUSTOMERS, PARTS, ROUTINGS } from './catalog.ts';
import type { DemoAssets } from './demo-assets.ts';
import type { DemoContext } from './demo-context.ts';
import type { DemoSpoolStock } from './demo-spools.ts';

type WorkOrder = DocOf<'work_orders'>;
type Operation = DocOf<'operations'>;
type StepEvent = DocOf<'step_events'>;
type Printer = DocOf<'printers'>;

const MIN = 60_000;
const PRINT_SCRAP = ['WARP', 'LAYER-SHIFT', 'SPAGHETTI', 'ADHESION', 'UNDER-EXT'];
const BENCH_SCRAP = ['POST-DMG', 'SURFACE', 'DIM-OOT'];

type Plan = 'completed' | 'cancelled' | 'in_progress' | 'released' | 'draft';
/** 25 work orders: the oldest are done, then one cancelled, nine on the floor, seven waiting, two drafts. */
const planOf = (i: number): Plan =>
  i < 6 ? 'completed' : i === 6 ? 'cancelled' : i < 16 ? 'in_progress' : i < 23 ? 'released' : 'draft';

interface StepPlan {
  op: Operation;
  printer: Printer | undefined;
  minutes: number;
  scrap: number;
}

/**
 * Work orders with 3–5 operations each, and step events consistent with what the step-tracker and
 * work-order folds derive: a completed order's steps all completed with at least the ordered
 * quantity good at the end; an order in progress has its first steps completed and one running or
 * paused; released and draft orders have no events yet. Printing consumes from the printer's spools.
 */
export class DemoWork {
  readonly workOrders: WorkOrder[] = [];
  readonly operations: Operation[] = [];
  readonly events: StepEvent[] = [];
  readonly #ctx: DemoContext;
  readonly #assets: DemoAssets;
  readonly #stock: DemoSpoolStock;
  readonly #operators: string[];

  constructor(ctx: DemoContext, assets: DemoAssets, stock: DemoSpoolStock) {
    this.#ctx = ctx;
    this.#assets = assets;
    this.#stock = stock;
    this.#operators = assets.people
      .filter((p) => p.role === 'operator' || p.role === 'lead')
      .map((p) => p.id);
    for (let i = 0; i < 25; i++) this.#workOrder(i);
  }

  #workOrder(i: number): void {
    const { rng } = this.#ctx;
    const plan = planOf(i);
    const partIdx = (i * 3 + rng.int(0, 2)) % PARTS.length;
    const part = this.#assets.parts[partIdx]!;
    const qtyOrdered = Math.max(2, Math.min(48, rng.int(4, Math.floor(600 / part.gramsPerPart))));
    const extra = Math.max(1, Math.ceil(qtyOrdered * 0.1));
    const activePrinters = this.#assets.printers.filter((p) => p.active);
    const printer = activePrinters[i % activePrinters.length]!;
    const wo = this.#newWorkOrder(i, plan, part, qtyOrdered);
    const steps = this.#operationsFor(wo, part, qtyOrdered + extra, printer, extra);
    const last =
      plan === 'completed'
        ? this.#runCompleted(wo, steps, qtyOrdered + extra)
        : plan === 'in_progress'
          ? this.#runInProgress(wo, steps, qtyOrdered + extra, i === 9)
          : undefined;
    if (last) {
      wo.updatedAt = this.#ctx.iso(last.atMs);
      wo.qtyCompleted = plan === 'completed' ? last.good : 0;
      wo.qtyScrapped = last.scrapped;
      wo.status = plan;
      wo.onHold = i === 9;
    }
    this.workOrders.push(wo);
  }

  #newWorkOrder(i: number, plan: Plan, part: DocOf<'parts'>, qtyOrdered: number): WorkOrder {
    const { rng } = this.#ctx;
    const createdMs =
      plan === 'completed' || plan === 'cancelled'
        ? this.#ctx.daysAgo(18 - i * 1.2)
        : this.#ctx.daysAgo(rng.int(1, 4));
    const due = plan === 'draft' ? '' : this.#ctx.iso(createdMs + rng.int(7, 21) * 86_400_000).slice(0, 10);
    return {
      ...this.#ctx.mutable(createdMs),
      code: `WO-${new Date(this.#ctx.nowMs).getUTCFullYear()}-${String(i + 1).padStart(4, '0')}`,
      partId: part.id,
      title: `${qtyOrdered} × ${part.description}`,
      qtyOrdered,
      qtyCompleted: 0,
      qtyScrapped: 0,
      status: plan === 'in_progress' || plan === 'completed' ? 'released' : plan,
      onHold: false,
      priority: rng.pick([1, 2, 3, 3, 3, 4, 5]),
      dueDate: due,
      customerName: rng.pick(CUSTOMERS),
      poNumber: `PO-${rng.int(40000, 49999)}`,
      lineRef: String(rng.int(1, 6) * 10),
      materialHint: part.material,
      notes: plan === 'cancelled' ? 'Cancelled by the customer: design change (rev C coming).' : '',
      createdAt: this.#ctx.iso(createdMs),
    };
  }

  /** The routing of a work order; scrap is spread over the steps without eating into the ordered quantity. */
  #operationsFor(
    wo: WorkOrder,
    part: DocOf<'parts'>,
    qtyIn: number,
    printer: Printer,
    scrapBudget: number,
  ): StepPlan[] {
    const { rng } = this.#ctx;
    const routing = ROUTINGS[rng.int(0, ROUTINGS.length - 1)]!;
    let budget = scrapBudget;
    return routing.map((r, idx) => {
      const isPrint = r.wc === 'WC-PRINT';
      const wc = this.#assets.work_centers.find((w) => w.code === r.wc)!;
      const runMinutes = isPrint ? part.printMinutes * Math.ceil(qtyIn / 4) : r.run * qtyIn;
      const op: Operation = {
        ...this.#ctx.mutable(Date.parse(wo.createdAt)),
        workOrderId: wo.id,
        sequence: (idx + 1) * 10,
        code: `OP${(idx + 1) * 10}`,
        name: r.name,
        workCenterId: wc.id,
        plannedSetupMinutes: r.setup,
        plannedRunMinutes: Math.min(runMinutes, 36 * 60),
        printerId: isPrint ? printer.id : '',
        notes: '',
      };
      this.operations.push(op);
      const scrap = budget > 0 && rng.chance(0.35) ? rng.int(1, budget) : 0;
      budget -= scrap;
      return { op, printer: isPrint ? printer : undefined, minutes: r.setup + op.plannedRunMinutes, scrap };
    });
  }

  #runCompleted(wo: WorkOrder, steps: StepPlan[], qtyIn: number) {
    let t = Date.parse(wo.createdAt) + 2 * 60 * MIN;
    let good = qtyIn;
    let scrapped = 0;
    for (const s of steps) {
      const end = t + s.minutes * MIN;
      good = this.#completedStep(wo, s, t, end, good);
      scrapped += s.scrap;
      t = end + this.#ctx.rng.int(30, 240) * MIN;
    }
    return { atMs: t, good, scrapped };
  }

  /** The first k steps done, step k running (or paused when the order is on hold), ending just before now. */
  #runInProgress(wo: WorkOrder, steps: StepPlan[], qtyIn: number, onHold: boolean) {
    const { rng } = this.#ctx;
    const k = rng.int(0, steps.length - 2);
    const gaps = steps.slice(0, k).map(() => rng.int(30, 180) * MIN);
    const elapsed = rng.int(15, 200) * MIN;
    const total = steps.slice(0, k).reduce((sum, s, j) => sum + s.minutes * MIN + gaps[j]!, 0) + elapsed;
    let t = this.#ctx.nowMs - total;
    if (t < Date.parse(wo.createdAt) + 60 * MIN) wo.createdAt = this.#ctx.iso(t - rng.int(2, 24) * 60 * MIN);
    wo.updatedAt = wo.createdAt;
    for (const op of this.operations.filter((o) => o.workOrderId === wo.id)) op.updatedAt = wo.createdAt;
    let good = qtyIn;
    let scrapped = 0;
    steps.slice(0, k).forEach((s, j) => {
      const end = t + s.minutes * MIN;
      good = this.#completedStep(wo, s, t, end, good);
      scrapped += s.scrap;
      t = end + gaps[j]!;
    });
    const current = steps[k]!;
    this.#event(wo, current, 'start', t);
    if (onHold) this.#event(wo, current, 'pause', t + Math.floor(elapsed / 2), { reasonCode: 'NO-MATERIAL' });
    return { atMs: this.#ctx.nowMs - MIN, good, scrapped };
  }

  /** start → (pause/resume) → (downtime) → (scrap) → (qc) → complete; returns the good parts it passes on. */
  #completedStep(wo: WorkOrder, s: StepPlan, start: number, end: number, qtyIn: number): number {
    const { rng } = this.#ctx;
    const d = end - start;
    this.#event(wo, s, 'start', start);
    if (rng.chance(0.1))
      this.#event(wo, s, 'note', start + Math.floor(d * 0.1), { note: 'First article looks good.' });
    if (rng.chance(0.2)) {
      const p = start + Math.floor(d * 0.3);
      this.#event(wo, s, 'pause', p, { reasonCode: s.printer ? 'RUNOUT' : '' });
      this.#event(wo, s, 'resume', p + Math.min(45 * MIN, Math.floor(d * 0.2)));
    }
    if (s.printer && rng.chance(0.2)) {
      const from = start + Math.floor(d * 0.55);
      const to = from + Math.min(30 * MIN, Math.floor(d * 0.1));
      this.#event(wo, s, 'downtime', to, {
        reasonCode: rng.pick(['CLOG', 'AMS-JAM', 'BED-LEVEL']),
        downtimeFrom: this.#ctx.iso(from),
        downtimeTo: this.#ctx.iso(to),
      });
    }
    if (s.scrap > 0) {
      this.#event(wo, s, 'scrap', start + Math.floor(d * 0.75), {
        qtyScrap: s.scrap,
        reasonCode: rng.pick(s.printer ? PRINT_SCRAP : BENCH_SCRAP),
      });
    }
    const good = qtyIn - s.scrap;
    if (s.op.name.includes('QC') || s.op.name.includes('Inspect') || s.op.name.includes('check')) {
      this.#event(wo, s, 'qc', end - MIN, { qcResult: 'pass', note: `${good} of ${qtyIn} within tolerance` });
    }
    this.#event(wo, s, 'complete', end, { qtyGood: good });
    if (s.printer) {
      const grams = Math.round(
        qtyIn * (this.#assets.parts.find((p) => p.id === wo.partId)?.gramsPerPart ?? 10) * 1.05,
      );
      this.#stock.consume(s.printer, grams, end, {
        operatorId: this.#operators[0]!,
        workOrderId: wo.id,
        operationId: s.op.id,
      });
    }
    return good;
  }

  #event(
    wo: WorkOrder,
    s: StepPlan,
    type: StepEvent['type'],
    atMs: number,
    extra: Partial<StepEvent> = {},
  ): void {
    this.events.push({
      ...this.#ctx.event(atMs, this.#ctx.rng.pick(this.#operators)),
      workOrderId: wo.id,
      operationId: s.op.id,
      type,
      printerId: s.printer?.id ?? '',
      qtyGood: 0,
      qtyScrap: 0,
      reasonCode: '',
      note: '',
      qcResult: null,
      downtimeFrom: null,
      downtimeTo: null,
      override: false,
      ...extra,
    });
  }
}
