import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyBambuReport,
  applyMoonrakerMessage,
  bambuInitialState,
  moonrakerInitialState,
  unknownStatus,
  type PrinterStatus,
} from '@printfloor/shared';
import { densityOf, gramsFromLength, planConsumption, type LoadedSpool } from './filament.ts';

const FIXTURES = new URL('../../../shared/test-fixtures/printer-mqtt/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const ctx = { code: 'PR-T', now: '2026-01-01T00:00:00.000Z' };

/** Runs Bambu payloads in order through the shared normalizer and returns the status after each. */
function bambu(...payloads: string[]): PrinterStatus[] {
  let state = bambuInitialState();
  return payloads.map((p) => {
    const r = applyBambuReport(state, p, ctx);
    if (r.outcome !== 'applied' || !r.status) throw new Error(`${r.outcome}: ${r.reason}`);
    state = r.state;
    return r.status;
  });
}

function moonraker(...payloads: string[]): PrinterStatus[] {
  let state = moonrakerInitialState();
  return payloads.map((p) => {
    const r = applyMoonrakerMessage(state, 'klipper/status', p, ctx);
    if (r.outcome !== 'applied' || !r.status) throw new Error(`${r.outcome}: ${r.reason}`);
    state = r.state;
    return r.status;
  });
}

const spool = (over: Partial<LoadedSpool> = {}): LoadedSpool => ({
  id: 'sp-1',
  slot: 'AMS1-1',
  material: 'PLA',
  diameterMm: 1.75,
  netWeightG: 1000,
  ...over,
});

describe('densities and lengths', () => {
  it('maps materials by prefix, unknown to PLA', () => {
    expect(densityOf('PLA')).toBe(1.24);
    expect(densityOf('pla+')).toBe(1.24);
    expect(densityOf('PETG-CF')).toBe(1.27);
    expect(densityOf('ABS')).toBe(1.04);
    expect(densityOf('ASA')).toBe(1.07);
    expect(densityOf('TPU 95A')).toBe(1.21);
    expect(densityOf('PA6-CF')).toBe(1.14);
    expect(densityOf('PC')).toBe(1.24);
    // Brand words before the material (the demo's spools say so): the material word wins.
    expect(densityOf('PolyMax PETG')).toBe(1.27);
    expect(densityOf('Paramount ABS')).toBe(1.04);
    expect(densityOf('eSun PA-CF')).toBe(1.14);
    expect(densityOf('')).toBe(1.24);
  });

  it('weighs a length as a cylinder: 1 m of 1.75 mm PLA ≈ 2.98 g, 1 m of 2.85 mm PETG ≈ 8.10 g', () => {
    expect(gramsFromLength(1000, 1.75, 'PLA')).toBeCloseTo(2.9825, 3);
    expect(gramsFromLength(1000, 2.85, 'PETG')).toBeCloseTo(8.1016, 3);
    expect(gramsFromLength(0, 1.75, 'PLA')).toBe(0);
    expect(gramsFromLength(-5, 1.75, 'PLA')).toBe(0);
  });

  it('property: grams grow linearly with length', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (mm, d) => {
          const one = gramsFromLength(mm, d, 'ABS');
          expect(one).toBeGreaterThan(0);
          expect(gramsFromLength(2 * mm, d, 'ABS')).toBeCloseTo(2 * one, 6);
        },
      ),
    );
  });
});

describe('planConsumption on real and built payload sequences', () => {
  // Real: the X1C full report (AMS1-1 PLA at 93 %, AMS1-4 at 83 %). Built from it (labelled, not a
  // capture): the same report's `ams` block with one tray lower — a delta replaces the whole `ams.ams`
  // list (PROTOCOLS.md), so a built delta carries all of it, as bambu-p1s-delta-ams.json does.
  const x1c = fixture('bambu-x1c-full-ams.json');
  function builtAmsDelta(tray: number, remain: number, gcodeState?: string): string {
    const full = JSON.parse(x1c) as { print: { ams: { ams: { tray: { remain: number }[] }[] } } };
    const ams = structuredClone(full.print.ams);
    ams.ams[0]!.tray[tray]!.remain = remain;
    const print = { ams, command: 'push_status', msg: 1, ...(gcodeState ? { gcode_state: gcodeState } : {}) };
    return JSON.stringify({ print });
  }
  const builtEnd = builtAmsDelta(0, 88, 'FINISH');

  it('AMS delta: (93 − 88) % of a 1000 g spool is 50 g, matched by slot', () => {
    const [start, end] = bambu(x1c, builtEnd);
    expect(start!.trays.find((t) => t.slot === 'AMS1-1')?.remainPercent).toBe(93);
    expect(end!.trays.find((t) => t.slot === 'AMS1-1')?.remainPercent).toBe(88);
    const plan = planConsumption(start!, end!, [spool(), spool({ id: 'sp-4', slot: 'AMS1-4' })]);
    expect(plan).toHaveLength(1); // AMS1-4 did not move
    expect(plan[0]).toMatchObject({ grams: 50, method: 'ams-delta', spool: { id: 'sp-1' } });
    expect(plan[0]!.basis).toBe('AMS1-1 93% → 88% of 1000 g');
  });

  it('a failed print (built FAILED delta) records what the trays lost up to the failure', () => {
    const partial = builtAmsDelta(3, 80);
    const statuses = bambu(
      x1c,
      partial,
      fixture('built/built-bambu-delta-cancel.json'),
      fixture('built/built-bambu-delta-failed.json'),
    );
    const end = statuses.at(-1)!;
    expect(end.state).toBe('failed');
    const plan = planConsumption(statuses[0]!, end, [spool({ slot: 'AMS1-4', netWeightG: 750 })]);
    expect(plan.map((p) => p.grams)).toEqual([22.5]); // 3 % of 750 g
  });

  it('no start known, or a tray without a reading (external spool): nothing from the AMS', () => {
    const [full] = bambu(x1c);
    expect(planConsumption(null, full!, [spool()])).toEqual([]);
    expect(planConsumption(full!, full!, [spool({ slot: 'EXT' })])).toEqual([]);
  });

  it('Moonraker (built sequence): the job filament length on the only loaded spool', () => {
    const statuses = moonraker(
      fixture('built/built-moonraker-status-full-printing.json'),
      fixture('built/built-moonraker-status-delta-temp.json'),
      fixture('built/built-moonraker-status-delta-complete.json'),
    );
    const end = statuses.at(-1)!;
    expect(end.state).toBe('finished');
    expect(end.filamentUsedMm).toBe(1524.9);
    const plan = planConsumption(statuses[0]!, end, [spool({ slot: 'T0', material: 'PETG' })]);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ method: 'filament-estimate', grams: 4.7 }); // 1524.9 mm × 2.405 mm² = 3.668 cm³ × 1.27 = 4.66 g
  });

  it('a filament length with two spools and no active tray is not guessed', () => {
    const end: PrinterStatus = {
      ...unknownStatus('PR-T', 'moonraker'),
      state: 'finished',
      filamentUsedMm: 5000,
    };
    expect(planConsumption(null, end, [spool({ slot: 'T0' }), spool({ id: 'sp-2', slot: 'T1' })])).toEqual(
      [],
    );
    const active: PrinterStatus = {
      ...end,
      trays: [{ slot: 'T1', type: 'PLA', colorHex: null, remainPercent: null, active: true }],
    };
    expect(
      planConsumption(null, active, [spool({ slot: 'T0' }), spool({ id: 'sp-2', slot: 'T1' })]),
    ).toMatchObject([{ spool: { id: 'sp-2' }, method: 'filament-estimate' }]);
  });

  it('property: never negative, never more than the spool, one item per spool at most', () => {
    const tray = (slot: string, remain: number | null) => ({
      slot,
      type: 'PLA',
      colorHex: null,
      remainPercent: remain,
      active: false,
    });
    const pct = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null });
    fc.assert(
      fc.property(pct, pct, fc.integer({ min: 0, max: 5000 }), (a, b, net) => {
        const base = unknownStatus('PR-T', 'bambu');
        const plan = planConsumption(
          { ...base, trays: [tray('AMS1-1', a)] },
          { ...base, state: 'finished', trays: [tray('AMS1-1', b)] },
          [spool({ netWeightG: net })],
        );
        expect(plan.length).toBeLessThanOrEqual(1);
        for (const p of plan) {
          expect(p.grams).toBeGreaterThan(0);
          expect(p.grams).toBeLessThanOrEqual(net);
        }
        // Anything that rounds to at least 0.1 g is recorded.
        if (a !== null && b !== null && ((a - b) / 100) * net >= 0.05) expect(plan).toHaveLength(1);
      }),
    );
  });
});
