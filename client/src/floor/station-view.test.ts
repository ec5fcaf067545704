import { describe, expect, it } from 'vitest';
import {
  foldWorkOrder,
  groupEventsByOperation,
  type Operation,
  type StepEvent,
  type WorkOrder,
} from '@printfloor/shared';
import { buildStationView, isAtStation, nextThing, type FloorWorkOrder } from './station-view.ts';

let seq = 0;
const wo = (over: Partial<WorkOrder> = {}): WorkOrder =>
  ({
    id: `wo${++seq}`,
    code: `WO-${seq}`,
    status: 'released',
    onHold: false,
    priority: 3,
    dueDate: '',
    qtyOrdered: 5,
    ...over,
  }) as WorkOrder;
const op = (w: WorkOrder, sequence: number, over: Partial<Operation> = {}): Operation =>
  ({
    id: `${w.id}-op${sequence}`,
    workOrderId: w.id,
    sequence,
    code: `OP${sequence}`,
    name: '',
    workCenterId: '',
    printerId: '',
    ...over,
  }) as Operation;
const ev = (o: Operation, type: StepEvent['type'], at: string, over: Partial<StepEvent> = {}): StepEvent =>
  ({
    id: `${o.id}-${type}-${at}`,
    workOrderId: o.workOrderId,
    operationId: o.id,
    type,
    at,
    printerId: o.printerId,
    operatorId: 'ann',
    qtyGood: 0,
    qtyScrap: 0,
    reasonCode: '',
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
    ...over,
  }) as StepEvent;

function floor(w: WorkOrder, ops: Operation[], events: StepEvent[] = []): FloorWorkOrder {
  return {
    wo: w,
    ops,
    state: foldWorkOrder(ops, groupEventsByOperation(events), w.qtyOrdered, '2026-01-02T00:00:00Z', w.status),
  };
}

const PRINTER = { kind: 'printer' as const, id: 'pr1' };
const BENCH = { kind: 'work_center' as const, id: 'wc-post' };

/** print on pr1 → post-process at the bench → QC */
function threeStep(over: Partial<WorkOrder> = {}) {
  const w = wo(over);
  const ops = [
    op(w, 10, { printerId: 'pr1', workCenterId: 'wc-print' }),
    op(w, 20, { workCenterId: 'wc-post' }),
    op(w, 30, { workCenterId: 'wc-qc' }),
  ];
  return { w, ops };
}

describe('isAtStation', () => {
  it('a printer takes its own steps and the unassigned ones of its work center; a bench takes its work center', () => {
    expect(isAtStation({ printerId: 'pr1', workCenterId: 'wc-print' }, PRINTER, 'wc-print')).toBe(true);
    expect(isAtStation({ printerId: '', workCenterId: 'wc-print' }, PRINTER, 'wc-print')).toBe(true);
    expect(isAtStation({ printerId: 'pr2', workCenterId: 'wc-print' }, PRINTER, 'wc-print')).toBe(false);
    expect(isAtStation({ printerId: '', workCenterId: 'wc-print' }, PRINTER, '')).toBe(false);
    expect(isAtStation({ printerId: '', workCenterId: 'wc-post' }, BENCH)).toBe(true);
  });
});

describe('buildStationView', () => {
  it('queues only steps whose previous step is done, most urgent first (priority, then due date, undated last)', () => {
    const a = threeStep({ priority: 3, dueDate: '2026-02-01' });
    const b = threeStep({ priority: 1, dueDate: '' });
    const c = threeStep({ priority: 3, dueDate: '2026-01-15' });
    const d = threeStep({ priority: 3, dueDate: '' });
    const view = buildStationView(
      [floor(a.w, a.ops), floor(b.w, b.ops), floor(c.w, c.ops), floor(d.w, d.ops)],
      PRINTER,
      'wc-print',
    );
    expect(view.queue.map((s) => s.wo.code)).toEqual([b.w.code, c.w.code, a.w.code, d.w.code]);
    expect(view.running).toEqual([]);
    const bench = buildStationView([floor(a.w, a.ops)], BENCH);
    expect(bench.queue).toEqual([]);
    expect(bench.waiting).toBe(1);
  });

  it('a completed print puts the post-process step in the bench queue and takes it off the printer', () => {
    const { w, ops } = threeStep();
    const events = [
      ev(ops[0]!, 'start', '2026-01-01T08:00:00Z'),
      ev(ops[0]!, 'complete', '2026-01-01T10:00:00Z', { qtyGood: 5 }),
    ];
    const f = floor(w, ops, events);
    expect(buildStationView([f], PRINTER, 'wc-print')).toEqual({ running: [], queue: [], waiting: 0 });
    expect(buildStationView([f], BENCH).queue.map((s) => s.op.code)).toEqual(['OP20']);
  });

  it('running and paused steps show as running here, the order on hold included; its pending steps do not queue', () => {
    const { w, ops } = threeStep({ onHold: true, status: 'in_progress' });
    const paused = floor(w, ops, [
      ev(ops[0]!, 'start', '2026-01-01T08:00:00Z'),
      ev(ops[0]!, 'pause', '2026-01-01T09:00:00Z', { reasonCode: 'RUNOUT' }),
    ]);
    const view = buildStationView([paused], PRINTER, 'wc-print');
    expect(view.running.map((s) => s.state.status)).toEqual(['paused']);
    const other = threeStep({ onHold: true });
    expect(buildStationView([floor(other.w, other.ops)], PRINTER, 'wc-print').queue).toEqual([]);
  });

  it('an unassigned step runs on the printer its start event names, not on every printer of the work center', () => {
    const w = wo();
    const ops = [op(w, 10, { workCenterId: 'wc-print' })];
    const f = floor(w, ops, [ev({ ...ops[0]!, printerId: 'pr2' }, 'start', '2026-01-01T08:00:00Z')]);
    expect(buildStationView([f], PRINTER, 'wc-print').running).toEqual([]);
    expect(buildStationView([f], { kind: 'printer', id: 'pr2' }, 'wc-print').running).toHaveLength(1);
  });

  it('drafts, cancelled and completed orders never queue', () => {
    const list = (['draft', 'cancelled', 'completed'] as const).map((status) => {
      const t = threeStep({ status });
      return floor(t.w, t.ops);
    });
    expect(buildStationView(list, PRINTER, 'wc-print').queue).toEqual([]);
  });
});

describe('nextThing', () => {
  it('complete what runs, else resume what is paused, else start the top of the queue, else nothing', () => {
    const a = threeStep({ priority: 1 });
    const b = threeStep({ priority: 2 });
    const running = floor(a.w, a.ops, [ev(a.ops[0]!, 'start', '2026-01-01T08:00:00Z')]);
    expect(nextThing(buildStationView([running, floor(b.w, b.ops)], PRINTER, 'wc-print'))).toMatchObject({
      kind: 'complete',
      step: { wo: { id: a.w.id } },
    });
    const paused = floor(a.w, a.ops, [
      ev(a.ops[0]!, 'start', '2026-01-01T08:00:00Z'),
      ev(a.ops[0]!, 'pause', '2026-01-01T08:30:00Z'),
    ]);
    expect(nextThing(buildStationView([paused, floor(b.w, b.ops)], PRINTER, 'wc-print')).kind).toBe('resume');
    expect(nextThing(buildStationView([floor(b.w, b.ops)], PRINTER, 'wc-print'))).toMatchObject({
      kind: 'start',
      step: { op: { code: 'OP10' } },
    });
    expect(nextThing(buildStationView([], PRINTER, 'wc-print'))).toEqual({ kind: 'idle' });
  });
});
