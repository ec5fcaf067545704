import type { DocOf } from '@printfloor/shared';
import { Prng } from './prng.ts';

/** Shared state of one demo-farm generation: the PRNG, the clock, and who wrote things. */
export class DemoContext {
  readonly rng: Prng;
  readonly nowMs: number;
  /** Stamped as `updatedBy` / `deviceId` on everything the generator writes. */
  readonly author = 'demo-seed';

  constructor(seed: number, now: Date) {
    this.rng = new Prng(seed);
    // Whole minutes: generated times read naturally and never land after `now`.
    this.nowMs = Math.floor(now.getTime() / 60_000) * 60_000;
  }

  iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  daysAgo(days: number): number {
    return this.nowMs - days * 86_400_000;
  }

  /** Fields every mutable document carries, edited at `atMs`. */
  mutable(atMs: number): { id: string; updatedAt: string; updatedBy: string; serverUpdatedAt: null } {
    return { id: this.rng.uuid(), updatedAt: this.iso(atMs), updatedBy: this.author, serverUpdatedAt: null };
  }

  /** Fields every append-only record carries. */
  event(
    atMs: number,
    operatorId: string,
  ): { id: string; at: string; operatorId: string; deviceId: string; serverUpdatedAt: null } {
    return {
      id: this.rng.uuid(),
      at: this.iso(atMs),
      operatorId,
      deviceId: this.author,
      serverUpdatedAt: null,
    };
  }
}

/** Every collection of the demo farm, in the order they are written (referenced data first). */
export interface DemoFarm {
  work_centers: DocOf<'work_centers'>[];
  scrap_reasons: DocOf<'scrap_reasons'>[];
  downtime_reasons: DocOf<'downtime_reasons'>[];
  people: DocOf<'people'>[];
  printers: DocOf<'printers'>[];
  parts: DocOf<'parts'>[];
  spools: DocOf<'spools'>[];
  spool_movements: DocOf<'spool_movements'>[];
  work_orders: DocOf<'work_orders'>[];
  operations: DocOf<'operations'>[];
  step_events: DocOf<'step_events'>[];
}
