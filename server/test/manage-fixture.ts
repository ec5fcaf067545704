import type { Spool, SpoolMovement, StepEvent } from '@printfloor/shared';

/**
 * A small shop history whose reports were computed by hand (issue 6): the SQL reports
 * (server/test/manage-reports.test.ts) and the client's pure aggregates
 * (e2e/manage/import-reports-agree.test.ts) must both give EXPECTED. Times are offsets from `base`
 * (a UTC midnight at least two days in the past), so the window [base, base + 2 d) is closed.
 *
 * Steps: op1 on P1 starts 2 h before the window, pauses at 02:00 (2 h inside), resumes 03:00, a
 * second start at 04:00 is ignored, completes 09:00 (8 good, 2 scrap 'warp') → P1 busy 8 h on day 1.
 * op2 starts day 2 10:00 with no printer, a note names P2, completes 16:00 (5 good) → P2 6 h.
 * op3 starts day 2 20:00 on P1 and never ends (runs to the window's end: 4 h); op4 on P1 runs
 * 22:00–23:00 (1 good) inside op3's span → P1 still 4 h on day 2.
 * Scrap: 3 'stringing' on P2 (day 1), 1 without reason on P1 (day 2), 10 after the window.
 * Downtime: 'jam' 04:00–05:30 day 1 (90 min) and 23:00 the day before → 01:00 (60 min inside);
 * 'maint' from day 2 23:00, still open (60 min to the window's end).
 */

const H = 3_600_000;

export interface Fixture {
  from: Date;
  to: Date;
  day1: string;
  day2: string;
  events: StepEvent[];
  spools: Spool[];
  movements: SpoolMovement[];
}

const at = (base: Date, hours: number) => new Date(base.getTime() + hours * H).toISOString();

function ev(base: Date, id: string, hours: number, p: Partial<StepEvent>): StepEvent {
  return {
    id,
    at: at(base, hours),
    operatorId: 'person-1',
    deviceId: 'dev-1',
    serverUpdatedAt: null,
    workOrderId: 'wo-1',
    operationId: 'op1',
    type: 'note',
    printerId: '',
    qtyGood: 0,
    qtyScrap: 0,
    reasonCode: '',
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
    ...p,
  };
}

function spool(id: string, p: Partial<Spool>): Spool {
  return {
    id,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'test',
    serverUpdatedAt: null,
    code: `SP-${id}`,
    material: 'PLA',
    colorName: 'Red',
    colorHex: '#FF0000',
    brand: 'Acme',
    diameterMm: 1.75,
    netWeightG: 1000,
    tareWeightG: 200,
    lot: '',
    location: '',
    status: 'active',
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt: '2026-01-01',
    notes: '',
    ...p,
  };
}

function mv(
  base: Date,
  id: string,
  spoolId: string,
  hours: number,
  p: Partial<SpoolMovement>,
): SpoolMovement {
  return {
    id,
    at: at(base, hours),
    operatorId: 'person-1',
    deviceId: 'dev-1',
    serverUpdatedAt: null,
    spoolId,
    type: 'consume',
    grams: 0,
    grossWeightG: null,
    estimated: false,
    workOrderId: '',
    operationId: '',
    printerId: '',
    slot: '',
    note: '',
    ...p,
  };
}

/** The fixture for a window starting at `base` (a UTC midnight). */
export function buildFixture(base: Date): Fixture {
  const day = (d: number) => new Date(base.getTime() + d * 24 * H).toISOString().slice(0, 10);
  const events: StepEvent[] = [
    ev(base, 'e1', -2, { type: 'start', printerId: 'P1' }),
    ev(base, 'e2', 2, { type: 'pause', printerId: 'P1' }),
    ev(base, 'e3', 3, { type: 'resume', printerId: 'P1' }),
    ev(base, 'e4', 4, { type: 'start', printerId: 'P1' }),
    ev(base, 'e5', 9, { type: 'complete', printerId: 'P1', qtyGood: 8, qtyScrap: 2, reasonCode: 'warp' }),
    ev(base, 'f1', 34, { operationId: 'op2', type: 'start' }),
    ev(base, 'f2', 34.5, { operationId: 'op2', type: 'note', printerId: 'P2' }),
    ev(base, 'f3', 40, { operationId: 'op2', type: 'complete', printerId: 'P2', qtyGood: 5 }),
    ev(base, 'g1', 44, { operationId: 'op3', type: 'start', printerId: 'P1' }),
    ev(base, 'h1', 46, { operationId: 'op4', type: 'start', printerId: 'P1' }),
    ev(base, 'h2', 47, { operationId: 'op4', type: 'complete', printerId: 'P1', qtyGood: 1 }),
    ev(base, 's1', 12, {
      operationId: 'op5',
      type: 'scrap',
      printerId: 'P2',
      qtyScrap: 3,
      reasonCode: 'stringing',
    }),
    ev(base, 's2', 36, { operationId: 'op6', type: 'scrap', printerId: 'P1', qtyScrap: 1 }),
    ev(base, 's3', 60, {
      operationId: 'op6',
      type: 'scrap',
      printerId: 'P1',
      qtyScrap: 10,
      reasonCode: 'warp',
    }),
    ev(base, 'd1', 5, {
      operationId: 'op7',
      type: 'downtime',
      reasonCode: 'jam',
      downtimeFrom: at(base, 4),
      downtimeTo: at(base, 5.5),
    }),
    ev(base, 'd2', 47, {
      operationId: 'op7',
      type: 'downtime',
      reasonCode: 'maint',
      downtimeFrom: at(base, 47),
    }),
    ev(base, 'd3', -4, {
      operationId: 'op7',
      type: 'downtime',
      reasonCode: 'jam',
      downtimeFrom: at(base, -1),
      downtimeTo: at(base, 1),
    }),
  ];
  const spools = [
    spool('S1', {}),
    spool('S2', { colorHex: '#ff0000' }),
    spool('S3', { material: 'PETG', colorHex: '#000000', colorName: 'Black', netWeightG: 750 }),
    spool('S4', { status: 'empty' }),
  ];
  const movements = [
    mv(base, 'm1', 'S1', -24, { type: 'receive', grams: 1000 }),
    mv(base, 'm2', 'S1', 10, { type: 'consume', grams: 100 }),
    mv(base, 'm3', 'S1', 34, { type: 'consume', grams: 50 }),
    mv(base, 'm4', 'S1', 36, { type: 'weigh_in', grams: 700, grossWeightG: 900 }),
    mv(base, 'm5', 'S1', 37, { type: 'consume', grams: 20 }),
    mv(base, 'm6', 'S3', -24, { type: 'receive', grams: 750 }),
    mv(base, 'm7', 'S3', 20, { type: 'dispose', grams: 0 }),
    mv(base, 'm8', 'S4', 33, { type: 'consume', grams: 30 }),
  ];
  return {
    from: base,
    to: new Date(base.getTime() + 48 * H),
    day1: day(0),
    day2: day(1),
    events,
    spools,
    movements,
  };
}

/** Midnight UTC three days before `now`: the fixture's window then ends yesterday. */
export function fixtureBase(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 3));
}

/** The hand-computed answers (see the comment at the top). */
export const EXPECTED = {
  scrapByReason: [
    { key: 'stringing', value: 3, share: 0.5, cumulative: 0.5 },
    { key: 'warp', value: 2, share: 2 / 6, cumulative: 5 / 6 },
    { key: 'unspecified', value: 1, share: 1 / 6, cumulative: 1 },
  ],
  scrapByPrinter: [
    { key: 'P1', value: 3, share: 0.5, cumulative: 0.5 },
    { key: 'P2', value: 3, share: 0.5, cumulative: 1 },
  ],
  firstPassYield: { good: 14, scrap: 6, yield: 0.7 },
  downtimeByReason: [
    { key: 'jam', value: 150, share: 150 / 210, cumulative: 150 / 210 },
    { key: 'maint', value: 60, share: 60 / 210, cumulative: 1 },
  ],
  /** Whole window (48 h): P1 8 h + 4 h, P2 6 h. */
  utilisation: { P1: 12 / 48, P2: 6 / 48 },
  /** Per day: [day index, printer, share of 24 h]. */
  utilisationPerDay: [
    [0, 'P1', 8 / 24],
    [1, 'P1', 4 / 24],
    [1, 'P2', 6 / 24],
  ] as const,
  /** Consumed grams per day of the window. */
  usagePerDay: [100, 100],
  /**
   * Stock, 30-day window: PLA red = S1 (1000 received, −100 −50, weigh-in 700, −20 → 680) + S2
   * (never moved: its nominal 1000) + S4 (status empty → 0, but its 30 g consumed count as use);
   * PETG black = S3 disposed → 0.
   */
  stock: [
    { key: 'PETG|#000000', spools: 0, remainingG: 0, usedInWindowG: 0, daysOfStock: null, low: false },
    {
      key: 'PLA|#FF0000',
      spools: 2,
      remainingG: 1680,
      usedInWindowG: 200,
      daysOfStock: 1680 / (200 / 30),
      low: false,
    },
  ],
};
