import type { PrintfloorDatabase } from './database.ts';
import type { HeldRecord } from './push-hold.ts';
import { syncWorkOrderStatus } from './step-commands.ts';
import type { AppendOnlyName, LocalWriter, MutableName } from './writes.ts';

/**
 * What an action wrote, so an undo can take exactly that back: append-only records are
 * tombstoned (they are still held on the tablet, see push-hold.ts), patched fields get their
 * previous values back, created documents are deleted, and work orders re-derive their status
 * from their (now fewer) step events.
 */
export interface UndoPlan {
  appended: { name: AppendOnlyName; id: string }[];
  created: { name: MutableName; id: string }[];
  patched: { name: MutableName; id: string; before: Record<string, unknown> }[];
  workOrders: string[];
}

export function emptyPlan(): UndoPlan {
  return { appended: [], created: [], patched: [], workOrders: [] };
}

export function mergePlans(...plans: UndoPlan[]): UndoPlan {
  return {
    appended: plans.flatMap((p) => p.appended),
    created: plans.flatMap((p) => p.created),
    patched: plans.flatMap((p) => p.patched),
    workOrders: [...new Set(plans.flatMap((p) => p.workOrders))],
  };
}

/** The records an undo of this plan must keep from being pushed meanwhile. */
export function heldRecords(plan: UndoPlan): HeldRecord[] {
  return plan.appended.map((a) => ({ collection: a.name, id: a.id }));
}

/** Takes an action back, newest write first. */
export async function applyUndo(db: PrintfloorDatabase, writer: LocalWriter, plan: UndoPlan): Promise<void> {
  for (const a of [...plan.appended].reverse()) await writer.retract(a.name, a.id);
  for (const p of [...plan.patched].reverse()) await writer.patch(p.name, p.id, p.before);
  for (const c of [...plan.created].reverse()) await writer.remove(c.name, c.id);
  for (const wo of plan.workOrders) await syncWorkOrderStatus(db, writer, wo);
}

/** The values `fields` had on `doc` before a patch (for the plan's `before`). */
export function before<T extends object>(doc: T, fields: readonly (keyof T)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f as string] = doc[f];
  return out;
}
