import type { SpoolMovement, StepEvent } from '@printfloor/shared';

/** Tests' step event: every field blank but the ones given (the aggregates' fixtures build on it). */
export function stepEventOf(p: Pick<StepEvent, 'id' | 'at' | 'type'> & Partial<StepEvent>): StepEvent {
  return {
    operatorId: '',
    deviceId: '',
    serverUpdatedAt: null,
    workOrderId: '',
    operationId: '',
    printerId: '',
    qtyGood: 0,
    qtyScrap: 0,
    reasonCode: '',
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
    ...p,
  };
}

/** Tests' spool movement: every field blank but the ones given. */
export function movementOf(
  p: Pick<SpoolMovement, 'id' | 'at' | 'type' | 'spoolId' | 'grams'> & Partial<SpoolMovement>,
): SpoolMovement {
  return {
    operatorId: '',
    deviceId: '',
    serverUpdatedAt: null,
    grossWeightG: null,
    estimated: false,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: '',
    ...p,
  };
}
