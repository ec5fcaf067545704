import type { DocOf } from '@printfloor/shared';
import type { NewMutable, NewRecord } from '../src/data/writes.ts';

export function workOrder(over: Partial<NewMutable<'work_orders'>> = {}): NewMutable<'work_orders'> {
  return {
    code: 'WO-1001',
    partId: '',
    title: 'Bracket, PETG',
    qtyOrdered: 20,
    qtyCompleted: 0,
    qtyScrapped: 0,
    status: 'released',
    onHold: false,
    priority: 3,
    dueDate: '2026-03-01',
    customerName: 'Acme',
    poNumber: 'PO-1',
    lineRef: '',
    materialHint: 'PETG',
    notes: '',
    createdAt: '2026-01-01T08:00:00.000Z',
    ...over,
  };
}

export function spool(over: Partial<NewMutable<'spools'>> = {}): NewMutable<'spools'> {
  return {
    code: 'SP-0001',
    material: 'PLA',
    colorName: 'Signal red',
    colorHex: '#cc1f1f',
    brand: 'Prusament',
    diameterMm: 1.75,
    netWeightG: 1000,
    tareWeightG: 180,
    lot: 'L1',
    location: 'Rack A',
    status: 'active',
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt: '2026-01-01',
    notes: '',
    ...over,
  };
}

export function movement(
  spoolId: string,
  over: Partial<NewRecord<'spool_movements'>> = {},
): NewRecord<'spool_movements'> {
  return {
    spoolId,
    type: 'consume',
    grams: 10,
    grossWeightG: null,
    estimated: false,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: '',
    ...over,
  };
}

/** A server-side document (what another device would have pushed). */
export function asMaster<N extends 'work_orders' | 'spools'>(
  id: string,
  fields: NewMutable<N>,
): DocOf<N> & { _deleted: false } {
  return {
    ...fields,
    id,
    updatedAt: '2026-01-01T08:00:00.000Z',
    updatedBy: 'seed',
    serverUpdatedAt: null,
    _deleted: false,
  } as never;
}
