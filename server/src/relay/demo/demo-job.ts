/** A small seeded PRNG (mulberry32): the demo farm looks alive but replays the same way. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JOBS = [
  'Bracket_M8_x12',
  'Cable clip batch',
  'Gridfinity bin 2x3',
  'Enclosure lid v4',
  'Spool holder arm',
  'Gear 32T PETG',
  'Sensor housing rev C',
  'Drawer label set',
];

export type DemoPhase = 'idle' | 'preparing' | 'printing' | 'paused' | 'finished' | 'failed';

/**
 * The job cycle every simulated printer runs, whatever protocol it speaks: idle → preparing →
 * printing (now and then a pause, rarely a cancel) → finished / failed → idle. One `step()` per tick.
 */
export class DemoJob {
  phase: DemoPhase = 'idle';
  name = '';
  progress = 0;
  layer = 0;
  totalLayers = 0;
  /** Ticks the current print takes in total. */
  private duration = 0;
  private elapsed = 0;
  private phaseTicks = 0;

  constructor(
    private readonly rnd: () => number,
    /** Ticks of a whole print at most (the demo keeps them short so the farm moves). */
    private readonly maxTicks = 600,
  ) {
    // Start everywhere in the cycle, so a fresh demo already shows a busy farm.
    if (rnd() < 0.7) {
      this.begin();
      this.phase = 'printing';
      this.elapsed = Math.floor(this.duration * rnd() * 0.9);
      this.advance(0);
    } else this.phaseTicks = Math.floor(rnd() * 20);
  }

  /** A tick stands for 10 s of printing, so a demo job of a few minutes reads like a real one. */
  get remainingMinutes(): number {
    return Math.max(0, Math.ceil(((this.duration - this.elapsed) * 10) / 60));
  }

  /** Advances one tick; returns true when the phase changed. */
  step(): boolean {
    const before = this.phase;
    this.phaseTicks++;
    switch (this.phase) {
      case 'idle':
        if (this.phaseTicks > 15 + this.rnd() * 30) this.begin();
        break;
      case 'preparing':
        if (this.phaseTicks > 8) this.go('printing');
        break;
      case 'printing':
        this.advance(1);
        if (this.elapsed >= this.duration) this.go('finished');
        else if (this.rnd() < 0.002) this.go('paused');
        else if (this.rnd() < 0.0005) this.go('failed');
        break;
      case 'paused':
        if (this.phaseTicks > 20 + this.rnd() * 20) this.go('printing');
        break;
      case 'finished':
      case 'failed':
        if (this.phaseTicks > 20 + this.rnd() * 40) this.go('idle');
        break;
    }
    return this.phase !== before;
  }

  private begin(): void {
    this.name = JOBS[Math.floor(this.rnd() * JOBS.length)] ?? 'Part';
    this.duration = Math.floor(this.maxTicks * (0.3 + 0.7 * this.rnd()));
    this.totalLayers = 40 + Math.floor(this.rnd() * 400);
    this.elapsed = 0;
    this.advance(0);
    this.go('preparing');
  }

  private advance(ticks: number): void {
    this.elapsed = Math.min(this.duration, this.elapsed + ticks);
    this.progress = Math.floor((100 * this.elapsed) / Math.max(1, this.duration));
    this.layer = Math.floor((this.totalLayers * this.elapsed) / Math.max(1, this.duration));
  }

  private go(phase: DemoPhase): void {
    this.phase = phase;
    this.phaseTicks = 0;
  }
}

/** Moves `current` toward `target` like a heater does, with a little noise. */
export function approach(current: number, target: number, rnd: () => number, rate = 0.15): number {
  const next = current + (target - current) * rate + (rnd() - 0.5) * 0.6;
  return Math.round(next * 100) / 100;
}
