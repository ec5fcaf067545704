import type { DocOf, WireDoc } from '@printfloor/shared';

/** Valid wire documents for tests (shape checked by the schemas on the way in). */

export function scrapReason(
  id: string,
  over: Partial<WireDoc<'scrap_reasons'>> = {},
): WireDoc<'scrap_reasons'> {
  return {
    id,
    updatedAt: '2026-05-01T08:00:00.000Z',
    updatedBy: 'tablet-1',
    serverUpdatedAt: null,
    code: `R-${id}`,
    name: `reason ${id}`,
    active: true,
    _deleted: false,
    ...over,
  };
}

export function workOrder(id: string, over: Partial<WireDoc<'work_orders'>> = {}): WireDoc<'work_orders'> {
  return {
    id,
    updatedAt: '2026-05-01T08:00:00.000Z',
    updatedBy: 'tablet-1',
    serverUpdatedAt: null,
    code: `WO-2026-${id.slice(0, 8)}`,
    partId: '',
    title: 'Camera mount bracket ×12',
    qtyOrdered: 12,
    qtyCompleted: 0,
    qtyScrapped: 0,
    status: 'released',
    onHold: false,
    priority: 3,
    dueDate: '2026-05-20',
    customerName: 'Kestrel Drones',
    poNumber: 'PO-41234',
    lineRef: '10',
    materialHint: 'PETG',
    notes: '',
    createdAt: '2026-05-01T07:00:00.000Z',
    _deleted: false,
    ...over,
  };
}

const meta = (id: string) => ({
  id,
  updatedAt: '2026-05-01T08:00:00.000Z',
  updatedBy: 'tablet-1',
  serverUpdatedAt: null,
  _deleted: false,
});

export function person(id: string, over: Partial<WireDoc<'people'>> = {}): WireDoc<'people'> {
  return {
    ...meta(id),
    displayName: 'Ana Kovač',
    badgeCode: 'EMP-1001',
    role: 'operator',
    active: true,
    ...over,
  };
}

export function printer(id: string, over: Partial<WireDoc<'printers'>> = {}): WireDoc<'printers'> {
  return {
    ...meta(id),
    code: `P-${id.slice(0, 8)}`,
    name: 'X1C Alpha',
    brand: 'Bambu Lab',
    protocol: 'bambu',
    model: 'X1C',
    serial: '',
    location: '',
    workCenterId: '',
    slots: 4,
    active: true,
    notes: '',
    ...over,
  };
}

export function spool(id: string, over: Partial<WireDoc<'spools'>> = {}): WireDoc<'spools'> {
  return {
    ...meta(id),
    code: `S-${id.slice(0, 8)}`,
    material: 'PETG',
    colorName: 'Black',
    colorHex: '#000000',
    brand: 'Prusament',
    diameterMm: 1.75,
    netWeightG: 1000,
    tareWeightG: 200,
    lot: '',
    location: '',
    status: 'active',
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt: '2026-05-01T07:00:00.000Z',
    notes: '',
    ...over,
  };
}

export function spoolMovement(
  id: string,
  over: Partial<WireDoc<'spool_movements'>> = {},
): WireDoc<'spool_movements'> {
  return {
    id,
    at: '2026-05-01T09:00:00.000Z',
    operatorId: 'person-1',
    deviceId: 'tablet-1',
    serverUpdatedAt: null,
    spoolId: 'spool-1',
    type: 'consume',
    grams: 12.5,
    grossWeightG: null,
    estimated: true,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: '',
    _deleted: false,
    ...over,
  };
}

/** A push row that creates `doc`. */
export const create = <D>(doc: D) => ({ assumedMasterState: null, newDocumentState: doc });
/** A push row that changes `from` into `to`. */
export const update = <D>(from: D, to: D) => ({ assumedMasterState: from, newDocumentState: to });

export type AnyDoc = DocOf<'scrap_reasons'> & { _deleted: boolean };
