import { describe, expect, it } from 'vitest';
import type { Spool, SpoolMovement } from '@printfloor/shared';
import { spoolRows, stockGroups, totalsByMaterial, usagePerDay } from './inventory.ts';
import { movementOf } from './step-event-fixture.ts';

const NOW = new Date(2025, 5, 30, 12, 0).getTime();
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

function spool(id: string, material: string, colorHex: string, status: Spool['status'] = 'active'): Spool {
  return {
    id,
    code: `SP-${id}`,
    material,
    colorName: colorHex,
    colorHex,
    brand: 'X',
    diameterMm: 1.75,
    netWeightG: 1000,
    tareWeightG: 200,
    lot: '',
    location: '',
    status,
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt: daysAgo(60),
    notes: '',
    updatedAt: daysAgo(60),
    updatedBy: '',
    serverUpdatedAt: null,
  };
}
let n = 0;
function mv(spoolId: string, type: SpoolMovement['type'], grams: number, at: string): SpoolMovement {
  return movementOf({ id: `m${n++}`, at, spoolId, type, grams });
}

// Hand-computed fixture, window 30 days, lead 7 + safety 3 = 10 days:
//   PLA black: A received 1000, used 300 (10 d ago) + 150 (40 d ago, outside the window) → 550 left
//              B received 1000, used 150 (5 d ago)                                       → 850 left
//      in window 300 + 150 = 450 g → 15 g/day → reorder point 150 g; 1400 g left → not low;
//      days of stock 1400 / 15 = 93.33
//   PETG white: C received 1000, used 900 (2 d ago) → 100 left; 900/30 = 30 g/day → ROP 300 → low;
//      days 100/30 = 3.33
//   PETG white D disposed: counts 0 g and no spool.
const spools = [
  spool('A', 'PLA', '#000000'),
  spool('B', 'PLA', '#000000'),
  spool('C', 'PETG', '#ffffff'),
  spool('D', 'PETG', '#FFFFFF', 'disposed'),
];
const movements = [
  mv('A', 'receive', 1000, daysAgo(50)),
  mv('A', 'consume', 300, daysAgo(10)),
  mv('A', 'consume', 150, daysAgo(40)),
  mv('B', 'receive', 1000, daysAgo(20)),
  mv('B', 'consume', 150, daysAgo(5)),
  mv('C', 'receive', 1000, daysAgo(20)),
  mv('C', 'consume', 900, daysAgo(2)),
  mv('D', 'receive', 1000, daysAgo(50)),
];

describe('stockGroups', () => {
  const groups = stockGroups(spoolRows(spools, movements), NOW);
  const pla = groups.find((g) => g.material === 'PLA')!;
  const petg = groups.find((g) => g.material === 'PETG')!;

  it('computes use, reorder point and days of stock by hand', () => {
    expect(pla).toMatchObject({
      spools: 2,
      remainingG: 1400,
      usedInWindowG: 450,
      avgDailyUseG: 15,
      reorderPointG: 150,
      low: false,
    });
    expect(pla.daysOfStock).toBeCloseTo(93.333, 2);
    expect(petg).toMatchObject({
      spools: 1,
      remainingG: 100,
      usedInWindowG: 900,
      avgDailyUseG: 30,
      reorderPointG: 300,
      low: true,
    });
    expect(petg.daysOfStock).toBeCloseTo(3.333, 2);
  });

  it('merges colours case-insensitively and honours per-group settings', () => {
    expect(groups).toHaveLength(2);
    // 20 lead + 20 safety days on PLA black: ROP 15 × 40 = 600 → still not low at 1400.
    const custom = stockGroups(spoolRows(spools, movements), NOW, (k) =>
      k === 'PLA|#000000'
        ? { leadTimeDays: 50, safetyDays: 50, windowDays: 30 }
        : { leadTimeDays: 1, safetyDays: 0, windowDays: 30 },
    );
    // PLA: 15 × 100 = 1500 ≥ 1400 → low. PETG: 30 × 1 = 30 < 100 → not low.
    expect(custom.find((g) => g.material === 'PLA')!.low).toBe(true);
    expect(custom.find((g) => g.material === 'PETG')!.low).toBe(false);
  });

  it('has no days of stock and is never low without use', () => {
    const g = stockGroups(
      spoolRows([spool('E', 'ASA', '#123456')], [mv('E', 'receive', 50, daysAgo(1))]),
      NOW,
    )[0]!;
    expect(g.daysOfStock).toBeNull();
    expect(g.low).toBe(false);
  });

  it('totals by material', () => {
    expect(totalsByMaterial(groups)).toEqual([
      { material: 'PLA', remainingG: 1400, spools: 2 },
      { material: 'PETG', remainingG: 100, spools: 1 },
    ]);
  });
});

describe('usagePerDay', () => {
  it('puts consumption on its local day, oldest first, and ignores other movements', () => {
    const days = usagePerDay(movements, NOW, 7);
    expect(days).toHaveLength(7);
    expect(days.map((d) => d.grams)).toEqual([0, 150, 0, 0, 900, 0, 0]);
  });
});
