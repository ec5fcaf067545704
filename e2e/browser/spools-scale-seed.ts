import { foldSpoolLedger, type DocOf, type LedgerState } from '@printfloor/shared';
import { push } from './floor-seed.ts';

/**
 * A big spool store for the list at scale (issue 3: "every list usable with 5,000 rows"):
 * 5,000 spools with 10 ledger movements each (receive, consumption with milligram fractions,
 * estimated use, a weigh-in on every other spool, an adjustment), deterministic from a seed so
 * the expected figures are computed here with the shared fold. Every 50th spool is marked empty
 * (so "in use" hides it) and every 7th runs low.
 */

export const SPOOL_COUNT = 5000;
export const MOVES_PER_SPOOL = 10;
const BATCH = 500;

/** mulberry32: a small seeded PRNG, so every run seeds the same grams. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MATERIALS = [
  ['PLA', 'Galaxy Black', '#1b1b1f'],
  ['PETG', 'Signal Orange', '#f97316'],
  ['ASA', 'Traffic White', '#f5f5f4'],
  ['PLA', 'Jade Green', '#10b981'],
  ['TPU', 'Ocean Blue', '#2563eb'],
  ['PA-CF', 'Carbon', '#374151'],
] as const;

export const spoolCode = (i: number) => `SP-S-${String(i).padStart(5, '0')}`;

export interface SpoolScale {
  spools: DocOf<'spools'>[];
  movements: DocOf<'spool_movements'>[];
  /** What the shared fold says for each spool (by id). */
  expected: Map<string, LedgerState>;
}

export function spoolScale(seed = 42): SpoolScale {
  const rand = rng(seed);
  const t0 = Date.parse('2026-09-01T06:00:00.000Z');
  const iso = (min: number) => new Date(t0 + min * 60_000).toISOString();
  const spools: DocOf<'spools'>[] = [];
  const movements: DocOf<'spool_movements'>[] = [];
  for (let i = 0; i < SPOOL_COUNT; i++) {
    const [material, colorName, colorHex] = MATERIALS[i % MATERIALS.length]!;
    const id = `scale-spool-${String(i).padStart(5, '0')}`;
    spools.push({
      id,
      updatedAt: iso(0),
      updatedBy: 'e2e-seed',
      serverUpdatedAt: null,
      code: spoolCode(i),
      material,
      colorName,
      colorHex,
      brand: i % 2 ? 'Prusament' : 'Bambu Lab',
      diameterMm: 1.75,
      netWeightG: 1000,
      tareWeightG: 201,
      lot: `L${i % 97}`,
      location: `Rack ${String.fromCharCode(65 + (i % 8))}-${(i % 12) + 1}`,
      status: i % 50 === 49 ? 'empty' : 'active',
      loadedPrinterId: '',
      loadedSlot: '',
      spoolmanId: null,
      ean: null,
      receivedAt: iso(0),
      notes: '',
    });
    const heavy = i % 7 === 0;
    const move = (
      k: number,
      type: DocOf<'spool_movements'>['type'],
      grams: number,
      over: Partial<DocOf<'spool_movements'>> = {},
    ): DocOf<'spool_movements'> => ({
      id: `${id}-m${k}`,
      at: iso((i % 600) + k * 60),
      operatorId: '',
      deviceId: 'e2e-seed',
      serverUpdatedAt: null,
      spoolId: id,
      type,
      grams,
      grossWeightG: null,
      estimated: false,
      workOrderId: '',
      operationId: '',
      printerId: '',
      slot: '',
      note: '',
      ...over,
    });
    // Grams to the milligram: the sum is exact only if the client sums integer milligrams.
    const use = () => Math.round((heavy ? 95 + rand() * 15 : 5 + rand() * 60) * 1000) / 1000;
    const list = [move(0, 'receive', 1000)];
    for (let k = 1; k <= 4; k++) list.push(move(k, 'consume', use(), { estimated: k % 2 === 0 }));
    if (i % 2 === 0) {
      const net = Math.round((heavy ? 450 : 780) * 1000 + rand() * 20_000) / 1000;
      list.push(move(5, 'weigh_in', net, { grossWeightG: net + 201 }));
    } else {
      list.push(move(5, 'adjust', -Math.round(rand() * 3000) / 1000, { note: 'spilled' }));
    }
    for (let k = 6; k <= 8; k++) list.push(move(k, 'consume', use(), { estimated: true }));
    list.push(move(9, 'adjust', Math.round(rand() * 2000) / 1000, { note: 'recount' }));
    movements.push(...list);
  }
  const expected = new Map<string, LedgerState>();
  const bySpool = new Map<string, DocOf<'spool_movements'>[]>();
  for (const m of movements) {
    const l = bySpool.get(m.spoolId);
    if (l) l.push(m);
    else bySpool.set(m.spoolId, [m]);
  }
  for (const s of spools) expected.set(s.id, foldSpoolLedger(bySpool.get(s.id) ?? [], s.netWeightG));
  return { spools, movements, expected };
}

/** Pushes the spools and their ledgers through the real sync API, in batches. */
export async function pushSpoolScale(url: string, token: string, scale: SpoolScale): Promise<void> {
  for (let i = 0; i < scale.spools.length; i += BATCH)
    await push(url, token, 'spools', scale.spools.slice(i, i + BATCH));
  for (let i = 0; i < scale.movements.length; i += BATCH)
    await push(url, token, 'spool_movements', scale.movements.slice(i, i + BATCH));
}
