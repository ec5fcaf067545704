import type { DocOf } from '@printfloor/shared';
import { FILAMENTS } from './catalog.ts';
import type { DemoContext } from './demo-context.ts';

type Spool = DocOf<'spools'>;
type Movement = DocOf<'spool_movements'>;
type Printer = DocOf<'printers'>;

const NET_G = 1000;
const SHELVES = ['Dry cabinet A', 'Dry cabinet B', 'Shelf C2', 'Shelf C3'];

/** A valid EAN-13 (GS1 check digit) from 12 digits. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

/**
 * The 40 demo spools and their ledger. Remaining grams are tracked here only to keep the
 * generated history possible (no spool consumed below zero); what the app shows is the fold of
 * the movements, which a test checks against this.
 */
export class DemoSpoolStock {
  readonly spools: Spool[] = [];
  readonly movements: Movement[] = [];
  readonly #remaining = new Map<string, number>();
  readonly #ctx: DemoContext;

  constructor(ctx: DemoContext, printers: Printer[], operatorIds: string[]) {
    this.#ctx = ctx;
    for (let i = 0; i < 40; i++) this.#receive(i, ctx.rng.pick(operatorIds));
    this.#loadPrinters(printers, operatorIds);
    this.#earlierJobs(operatorIds);
    this.#retireSome(operatorIds);
  }

  /** Grams left (generator's view). */
  remaining(spoolId: string): number {
    return this.#remaining.get(spoolId) ?? 0;
  }

  /** Records printing `grams` on `printer` at `atMs` from the fullest spool loaded on it; returns the spool used. */
  consume(
    printer: Printer,
    grams: number,
    atMs: number,
    refs: { operatorId: string; workOrderId: string; operationId: string },
  ): Spool | undefined {
    const loaded = this.spools.filter((s) => s.loadedPrinterId === printer.id && s.status === 'active');
    const spool = loaded.sort((a, b) => this.remaining(b.id) - this.remaining(a.id))[0];
    if (!spool) return undefined;
    const used = Math.round(Math.min(grams, this.remaining(spool.id) - 15) * 10) / 10;
    if (used <= 0) return undefined;
    this.#add(spool, 'consume', used, atMs, refs.operatorId, {
      ...refs,
      printerId: printer.id,
      slot: spool.loadedSlot,
      estimated: true,
    });
    this.#remaining.set(spool.id, this.remaining(spool.id) - used);
    // Operators weigh a spool now and then; the scale corrects the telemetry estimate.
    if (this.#ctx.rng.chance(0.3)) this.weighIn(spool, atMs + 5 * 60_000, refs.operatorId);
    return spool;
  }

  weighIn(spool: Spool, atMs: number, operatorId: string): void {
    const measured = Math.max(0, Math.round(this.remaining(spool.id) + this.#ctx.rng.int(-4, 4)));
    this.#add(spool, 'weigh_in', measured, atMs, operatorId, { grossWeightG: spool.tareWeightG + measured });
    this.#remaining.set(spool.id, measured);
  }

  #receive(i: number, operatorId: string): void {
    const { rng } = this.#ctx;
    const f = FILAMENTS[(i * 7 + rng.int(0, 2)) % FILAMENTS.length]!;
    const receivedMs = this.#ctx.daysAgo(rng.int(30, 90));
    const spool: Spool = {
      ...this.#ctx.mutable(receivedMs),
      code: `SP-${String(i + 1).padStart(4, '0')}`,
      material: f.material,
      colorName: f.colorName,
      colorHex: f.colorHex,
      brand: f.brand,
      diameterMm: 1.75,
      netWeightG: NET_G,
      tareWeightG: Math.min(250, Math.max(200, f.tareG + rng.int(-3, 3))),
      lot: `LOT-${new Date(receivedMs).toISOString().slice(0, 10).replaceAll('-', '')}-${rng.int(10, 99)}`,
      location: rng.pick(SHELVES),
      status: 'active',
      loadedPrinterId: '',
      loadedSlot: '',
      spoolmanId: i % 3 === 0 ? String(100 + i) : null,
      ean: i % 4 === 0 ? ean13(`40${String(rng.int(1e9, 9e9))}`) : null,
      receivedAt: this.#ctx.iso(receivedMs),
      notes: '',
    };
    this.spools.push(spool);
    this.#remaining.set(spool.id, 0);
    this.#add(spool, 'receive', NET_G, receivedMs, operatorId, {});
    this.#remaining.set(spool.id, NET_G);
  }

  /** Fills the slots of every active printer (AMS units get 3–4 spools) about four weeks ago. */
  #loadPrinters(printers: Printer[], operatorIds: string[]): void {
    const { rng } = this.#ctx;
    const shelf = [...this.spools];
    for (const p of printers.filter((x) => x.active)) {
      const count = p.slots > 1 ? rng.int(3, p.slots) : 1;
      for (let s = 0; s < count; s++) {
        const spool = shelf.shift();
        if (!spool) return;
        spool.loadedPrinterId = p.id;
        spool.loadedSlot = p.slots > 1 ? `AMS1-${s + 1}` : 'T0';
        spool.location = p.name;
        const at = Math.max(Date.parse(spool.receivedAt) + 3_600_000, this.#ctx.daysAgo(rng.int(24, 29)));
        this.#add(spool, 'load', 0, at, rng.pick(operatorIds), { printerId: p.id, slot: spool.loadedSlot });
        spool.updatedAt = this.#ctx.iso(at);
      }
    }
  }

  /** Jobs from before the demo's work orders used loaded spools unevenly: some run low, a few are critical. */
  #earlierJobs(operatorIds: string[]): void {
    const { rng } = this.#ctx;
    for (const spool of this.spools.filter((s) => s.loadedPrinterId !== '')) {
      let t = Date.parse(this.movements.findLast((m) => m.spoolId === spool.id)!.at);
      for (let j = rng.int(0, 5); j > 0; j--) {
        t += rng.int(10, 40) * 3_600_000;
        const grams = Math.min(rng.int(40, 260), this.remaining(spool.id) - 40);
        if (grams <= 0 || t > this.#ctx.daysAgo(13)) break;
        this.#add(spool, 'consume', grams, t, rng.pick(operatorIds), {
          printerId: spool.loadedPrinterId,
          slot: spool.loadedSlot,
          estimated: true,
        });
        this.#remaining.set(spool.id, this.remaining(spool.id) - grams);
      }
    }
  }

  /** Three shelf spools were used up on older jobs; one of them has been thrown away. */
  #retireSome(operatorIds: string[]): void {
    const shelf = this.spools.filter((s) => s.loadedPrinterId === '').slice(-3);
    shelf.forEach((spool, i) => {
      const op = this.#ctx.rng.pick(operatorIds);
      const at = Date.parse(spool.receivedAt) + 7 * 86_400_000;
      this.#add(spool, 'consume', NET_G - 6, at, op, { estimated: true });
      this.#remaining.set(spool.id, 0);
      this.#add(spool, 'weigh_in', 0, at + 86_400_000, op, { grossWeightG: spool.tareWeightG });
      spool.status = 'empty';
      spool.updatedAt = this.#ctx.iso(at + 86_400_000);
      if (i === 0) {
        this.#add(spool, 'dispose', 0, at + 2 * 86_400_000, op, {});
        spool.status = 'disposed';
        spool.updatedAt = this.#ctx.iso(at + 2 * 86_400_000);
      }
    });
  }

  #add(
    spool: Spool,
    type: Movement['type'],
    grams: number,
    atMs: number,
    operatorId: string,
    extra: Partial<Movement>,
  ): void {
    this.movements.push({
      ...this.#ctx.event(atMs, operatorId),
      spoolId: spool.id,
      type,
      grams,
      grossWeightG: null,
      estimated: false,
      workOrderId: '',
      operationId: '',
      printerId: '',
      slot: '',
      note: '',
      ...extra,
    });
  }
}
