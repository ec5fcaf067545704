import { randomUUID } from 'node:crypto';
import type { Operation, Printer, Spool, SpoolMovement, StepEvent, WorkOrder } from '@printfloor/shared';
import type { Doc } from './raw-tablet.ts';

/** What a simulated floor has to work on: seeded once through the real push API. */
export interface Farm {
  workOrders: WorkOrder[];
  operations: Operation[];
  spools: Spool[];
  printers: Printer[];
  receipts: SpoolMovement[];
}

const now = () => new Date().toISOString();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const meta = (by: string) => ({ id: randomUUID(), updatedAt: now(), updatedBy: by, serverUpdatedAt: null });

export const SPOOL_NET_G = 1000;

/** A farm of `printers` native printers (codes SOAK-<run>-P<n>), work orders with three steps each, and spools. */
export function makeFarm(run: string, printers: number, workOrders: number, spools: number): Farm {
  const farm: Farm = { workOrders: [], operations: [], spools: [], printers: [], receipts: [] };
  for (let i = 0; i < printers; i++) {
    farm.printers.push({
      ...meta('soak'),
      code: `SOAK-${run}-P${i}`,
      name: `Soak printer ${i}`,
      brand: 'Printfloor',
      protocol: 'printfloor',
      model: 'native',
      serial: '',
      location: `Bay ${i % 10}`,
      workCenterId: '',
      slots: 1,
      active: true,
      notes: '',
    });
  }
  for (let i = 0; i < workOrders; i++) {
    const wo: WorkOrder = {
      ...meta('soak'),
      code: `WO-SOAK-${i}`,
      partId: '',
      title: `Bracket ${i}`,
      qtyOrdered: 100,
      qtyCompleted: 0,
      qtyScrapped: 0,
      status: 'released',
      onHold: false,
      priority: 3,
      dueDate: '2026-12-31',
      customerName: 'Acme',
      poNumber: `PO-${i}`,
      lineRef: '',
      materialHint: 'PETG',
      notes: '',
      createdAt: now(),
    };
    farm.workOrders.push(wo);
    for (const [seq, name] of ['Print', 'Deburr', 'QC'].entries()) {
      farm.operations.push({
        ...meta('soak'),
        workOrderId: wo.id,
        sequence: (seq + 1) * 10,
        code: name.toUpperCase(),
        name,
        workCenterId: '',
        plannedSetupMinutes: 5,
        plannedRunMinutes: 60,
        printerId: seq === 0 ? pick(farm.printers).id : '',
        notes: '',
      });
    }
  }
  for (let i = 0; i < spools; i++) {
    const spool: Spool = {
      ...meta('soak'),
      code: `SP-SOAK-${i}`,
      material: 'PETG',
      colorName: 'Green',
      colorHex: '#1f9d55',
      brand: 'Prusament',
      diameterMm: 1.75,
      netWeightG: SPOOL_NET_G,
      tareWeightG: 200,
      lot: '',
      location: 'Rack A',
      status: 'active',
      loadedPrinterId: '',
      loadedSlot: '',
      spoolmanId: null,
      ean: null,
      receivedAt: '2026-11-01',
      notes: '',
    };
    farm.spools.push(spool);
    farm.receipts.push(movement('soak', spool.id, 'receive', SPOOL_NET_G));
  }
  return farm;
}

export function movement(
  device: string,
  spoolId: string,
  type: SpoolMovement['type'],
  grams: number,
): SpoolMovement {
  return {
    id: randomUUID(),
    at: now(),
    operatorId: '',
    deviceId: device,
    serverUpdatedAt: null,
    spoolId,
    type,
    grams,
    grossWeightG: type === 'weigh_in' ? grams + 200 : null,
    estimated: false,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: '',
  };
}

export function stepEvent(device: string, op: Operation, type: StepEvent['type']): StepEvent {
  return {
    id: randomUUID(),
    at: now(),
    operatorId: `op-${device}`,
    deviceId: device,
    serverUpdatedAt: null,
    workOrderId: op.workOrderId,
    operationId: op.id,
    type,
    printerId: op.printerId,
    qtyGood: type === 'complete' ? 1 + Math.floor(Math.random() * 5) : 0,
    qtyScrap: type === 'scrap' ? 1 : 0,
    reasonCode: type === 'scrap' ? 'warp' : '',
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
  };
}

/** One operator action as a raw tablet does it: a new record, or an edited work order. */
export type RawAction =
  | { kind: 'append'; collection: 'step_events' | 'spool_movements'; doc: Doc }
  | { kind: 'edit'; collection: 'work_orders'; doc: Doc };

/**
 * What an operator does next, weighted like a shift: mostly step starts and completions and
 * consumption, now and then a weigh-in or a work-order edit (priority, notes, hold).
 */
export function nextAction(device: string, farm: Farm, current: (id: string) => Doc | undefined): RawAction {
  const r = Math.random();
  if (r < 0.45) {
    const op = pick(farm.operations);
    const type = pick([
      'start',
      'complete',
      'start',
      'complete',
      'pause',
      'resume',
      'scrap',
      'note',
    ] as const);
    return { kind: 'append', collection: 'step_events', doc: stepEvent(device, op, type) as unknown as Doc };
  }
  if (r < 0.85) {
    const spool = pick(farm.spools);
    const m =
      Math.random() < 0.85
        ? movement(device, spool.id, 'consume', Math.round(Math.random() * 2000) / 100)
        : movement(device, spool.id, 'weigh_in', Math.round(Math.random() * 80000) / 100);
    return { kind: 'append', collection: 'spool_movements', doc: m as unknown as Doc };
  }
  const base = pick(farm.workOrders);
  const wo = current(base.id) ?? base;
  const field = pick(['priority', 'notes', 'onHold'] as const);
  const patch =
    field === 'priority'
      ? { priority: 1 + Math.floor(Math.random() * 5) }
      : field === 'notes'
        ? { notes: `checked by ${device} at ${now()}` }
        : { onHold: !wo.onHold };
  return {
    kind: 'edit',
    collection: 'work_orders',
    doc: { ...wo, ...patch, updatedAt: now(), updatedBy: device },
  };
}
