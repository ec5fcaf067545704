import type { Spool, SpoolMovement } from '@printfloor/shared';
import type { LocalWriter, NewRecord } from './writes.ts';

export type MovementInput = Pick<NewRecord<'spool_movements'>, 'type' | 'grams'> & Partial<NewRecord<'spool_movements'>>;

export function spoolMovement(spoolId: string, input: MovementInput): NewRecord<'spool_movements'> {
  return {
    spoolId,
    grossWeightG: null,
    estimated: false,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: '',
    ...input,
  };
}

/** Grams used from a spool: a delta in the ledger, never an overwritten weight (DESIGN.md). */
export function consume(writer: LocalWriter, spoolId: string, grams: number, refs: Partial<MovementInput> = {}): Promise<SpoolMovement> {
  if (!(grams > 0)) throw new Error('grams used must be more than 0');
  return writer.append('spool_movements', spoolMovement(spoolId, { ...refs, type: 'consume', grams }));
}

/** A scale reading: remaining net grams = gross − the spool's tare, recorded as an absolute measurement. */
export function weighIn(writer: LocalWriter, spool: Pick<Spool, 'id' | 'tareWeightG'>, grossWeightG: number): Promise<SpoolMovement> {
  if (!(grossWeightG >= 0)) throw new Error('the scale reading must be a weight in grams');
  const grams = Math.round((grossWeightG - spool.tareWeightG) * 1000) / 1000;
  return writer.append('spool_movements', spoolMovement(spool.id, { type: 'weigh_in', grams, grossWeightG }));
}
