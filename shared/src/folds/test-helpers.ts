/** Builders for fold tests (not exported from the package). */
import type { StepEvent, StepEventType } from '../domain/step-events.ts';
import type { SpoolMovement, SpoolMovementType } from '../domain/spools.ts';

export const BASE_MS = Date.parse('2024-05-01T08:00:00.000Z');

/** ISO time `minutes` after 08:00 on the test day. */
export const at = (minutes: number): string => new Date(BASE_MS + minutes * 60_000).toISOString();

let seq = 0;

export function stepEvent(type: StepEventType, minutes: number, over: Partial<StepEvent> = {}): StepEvent {
  seq += 1;
  return {
    id: `ev-${String(seq).padStart(4, '0')}`,
    at: at(minutes),
    operatorId: 'op-anna',
    deviceId: 'tab-1',
    serverUpdatedAt: null,
    workOrderId: 'wo-1',
    operationId: 'op-1',
    type,
    printerId: 'pr-1',
    qtyGood: 0,
    qtyScrap: 0,
    reasonCode: '',
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
    ...over,
  };
}

export function movement(type: SpoolMovementType, minutes: number, grams: number, over: Partial<SpoolMovement> = {}) {
  seq += 1;
  const m: SpoolMovement = {
    id: `mv-${String(seq).padStart(4, '0')}`,
    at: at(minutes),
    operatorId: 'op-anna',
    deviceId: 'tab-1',
    serverUpdatedAt: null,
    spoolId: 'sp-1',
    type,
    grams,
    grossWeightG: null,
    estimated: false,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: '',
    ...over,
  };
  return m;
}
