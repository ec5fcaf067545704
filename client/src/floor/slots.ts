import type { Printer } from '@printfloor/shared';

/**
 * The filament slots a spool can be loaded into on a printer: a Bambu printer's AMS trays
 * (`AMS1-1`…; `AMS2-1`… past four) plus its external spool holder (`Ext`); other printers'
 * tools (`T0`, `T1`, …). A printer without slots still takes one spool on `T0`.
 */
export function slotsOf(printer: Pick<Printer, 'protocol' | 'slots'>): string[] {
  const n = Math.max(1, Math.min(64, Math.floor(printer.slots)));
  if (printer.protocol === 'bambu' && printer.slots > 1) {
    const trays = Array.from({ length: n }, (_, i) => `AMS${Math.floor(i / 4) + 1}-${(i % 4) + 1}`);
    return [...trays, 'Ext'];
  }
  return Array.from({ length: n }, (_, i) => `T${i}`);
}

/** The first slot nobody occupies, else null (the operator then picks the slot on the spool screen). */
export function firstFreeSlot(slots: readonly string[], occupied: Iterable<string>): string | null {
  const taken = new Set(occupied);
  return slots.find((s) => !taken.has(s)) ?? null;
}
