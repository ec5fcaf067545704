import type { Printer, Spool, SpoolMovement } from '@printfloor/shared';
import type { PrintfloorDatabase } from './database.ts';
import { before, emptyPlan, mergePlans, type UndoPlan } from './undo-plan.ts';
import type { LocalWriter, NewMutable, NewRecord } from './writes.ts';

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

/** The result of a spool action: the movement it is about, and how to take the action back. */
export interface SpoolResult {
  movement: SpoolMovement | null;
  plan: UndoPlan;
}

async function append(writer: LocalWriter, spoolId: string, input: MovementInput): Promise<SpoolResult> {
  const movement = await writer.append('spool_movements', spoolMovement(spoolId, input));
  const plan = emptyPlan();
  plan.appended.push({ name: 'spool_movements', id: movement.id });
  return { movement, plan };
}

type SpoolFields = Partial<Pick<Spool, 'loadedPrinterId' | 'loadedSlot' | 'location' | 'status'>>;

async function patchSpool(writer: LocalWriter, spool: Spool, fields: SpoolFields): Promise<UndoPlan> {
  const plan = emptyPlan();
  const keys = (Object.keys(fields) as (keyof SpoolFields)[]).filter((k) => spool[k] !== fields[k]);
  if (keys.length === 0) return plan;
  const patch: SpoolFields = {};
  for (const k of keys) Object.assign(patch, { [k]: fields[k] });
  plan.patched.push({ name: 'spools', id: spool.id, before: before(spool, keys) });
  await writer.patch('spools', spool.id, patch);
  return plan;
}

/** Grams used from a spool: a delta in the ledger, never an overwritten weight (DESIGN.md). */
export async function consume(writer: LocalWriter, spoolId: string, grams: number, refs: Partial<MovementInput> = {}): Promise<SpoolMovement> {
  return (await consumeUndoable(writer, spoolId, grams, refs)).movement!;
}

export async function consumeUndoable(writer: LocalWriter, spoolId: string, grams: number, refs: Partial<MovementInput> = {}): Promise<SpoolResult> {
  if (!(grams > 0)) throw new Error('grams used must be more than 0');
  return append(writer, spoolId, { ...refs, type: 'consume', grams });
}

/** Remaining net grams from a scale reading: gross − the spool's tare (an absolute measurement). */
export function netFromGross(grossWeightG: number, tareWeightG: number): number {
  return Math.round((grossWeightG - tareWeightG) * 1000) / 1000;
}

/** A scale reading: remaining net grams = gross − the spool's tare, recorded as an absolute measurement. */
export async function weighIn(writer: LocalWriter, spool: Pick<Spool, 'id' | 'tareWeightG'>, grossWeightG: number): Promise<SpoolMovement> {
  return (await weighInUndoable(writer, spool, grossWeightG)).movement!;
}

export async function weighInUndoable(writer: LocalWriter, spool: Pick<Spool, 'id' | 'tareWeightG'>, grossWeightG: number): Promise<SpoolResult> {
  if (!(grossWeightG >= 0) || !Number.isFinite(grossWeightG)) throw new Error('the scale reading must be a weight in grams');
  return append(writer, spool.id, { type: 'weigh_in', grams: netFromGross(grossWeightG, spool.tareWeightG), grossWeightG });
}

/** A new spool on the shelf: the spool document and a `receive` of its net weight in the ledger. */
export async function receiveSpool(writer: LocalWriter, fields: NewMutable<'spools'>): Promise<SpoolResult & { spool: Spool }> {
  const spool = await writer.insert('spools', { ...fields, status: 'active', loadedPrinterId: '', loadedSlot: '' });
  const r = await append(writer, spool.id, { type: 'receive', grams: spool.netWeightG });
  r.plan.created.push({ name: 'spools', id: spool.id });
  return { ...r, spool };
}

/** Takes a spool off its printer to `location` (its shelf, a dry box). */
export async function unloadSpool(writer: LocalWriter, spool: Spool, location: string): Promise<SpoolResult> {
  if (spool.loadedPrinterId === '') return { movement: null, plan: await patchSpool(writer, spool, { location }) };
  const r = await append(writer, spool.id, { type: 'unload', grams: 0, printerId: spool.loadedPrinterId, slot: spool.loadedSlot });
  const p = await patchSpool(writer, spool, { loadedPrinterId: '', loadedSlot: '', location });
  return { movement: r.movement, plan: mergePlans(r.plan, p) };
}

/**
 * Loads a spool onto a printer slot (AMS tray or tool). Whatever sat in that slot is unloaded first
 * (back to its own location), and the spool leaves its previous printer with its own `unload`, so
 * the ledger tells where every spool was at any time. `location` stays the spool's home (shelf or
 * dry box): "loaded on" is its own field, and an unload puts the spool back home by default.
 */
export async function loadSpool(db: PrintfloorDatabase, writer: LocalWriter, spool: Spool, printer: Printer, slot: string): Promise<SpoolResult> {
  const plans: UndoPlan[] = [];
  const occupants = await db.spools.find({ selector: { loadedPrinterId: printer.id } }).exec();
  for (const o of occupants) {
    const other = o.toJSON() as Spool;
    if (other.id !== spool.id && other.loadedSlot === slot) plans.push((await unloadSpool(writer, other, other.location)).plan);
  }
  let current = spool;
  if (spool.loadedPrinterId !== '' && (spool.loadedPrinterId !== printer.id || spool.loadedSlot !== slot)) {
    plans.push((await unloadSpool(writer, spool, spool.location)).plan);
    current = { ...spool, loadedPrinterId: '', loadedSlot: '' };
  }
  const r = await append(writer, spool.id, { type: 'load', grams: 0, printerId: printer.id, slot });
  plans.push(r.plan);
  plans.push(await patchSpool(writer, current, { loadedPrinterId: printer.id, loadedSlot: slot }));
  return { movement: r.movement, plan: mergePlans(...plans) };
}

/** The operator says the spool is used up: remaining := 0 (an absolute statement), status empty, off the printer. */
export async function markEmpty(writer: LocalWriter, spool: Spool): Promise<SpoolResult> {
  const plans: UndoPlan[] = [];
  let current = spool;
  if (spool.loadedPrinterId !== '') {
    plans.push((await unloadSpool(writer, spool, spool.location)).plan);
    current = { ...spool, loadedPrinterId: '', loadedSlot: '' };
  }
  const r = await append(writer, spool.id, { type: 'weigh_in', grams: 0, grossWeightG: null, note: MARKED_EMPTY });
  plans.push(r.plan, await patchSpool(writer, current, { status: 'empty' }));
  return { movement: r.movement, plan: mergePlans(...plans) };
}

/** The note that tells a "marked empty" apart from a scale reading in the ledger. */
export const MARKED_EMPTY = 'Marked empty';

/** Moves a spool that is not on a printer to another shelf or dry box. */
export async function moveSpool(writer: LocalWriter, spool: Spool, location: string): Promise<SpoolResult> {
  return { movement: null, plan: await patchSpool(writer, spool, { location: location.trim() }) };
}
