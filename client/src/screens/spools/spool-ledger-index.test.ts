import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { foldSpoolLedger, SPOOL_MOVEMENT_TYPES, type SpoolMovement } from '@printfloor/shared';
import { openDatabase, type PrintfloorDatabase } from '../../data/database.ts';
import { loadDevMode } from '../../data/dev-mode.ts';
import { SyncJournal } from '../../data/journal.ts';
import { LocalWriter } from '../../data/writes.ts';
import { spoolMovement } from '../../data/spool-commands.ts';
import { SpoolLedgerIndex, SpoolLedgers } from './spool-ledger-index.ts';

const SPOOLS = ['sp-a', 'sp-b', 'sp-c'];
const NETS: Record<string, number> = { 'sp-a': 1000, 'sp-b': 750, 'sp-c': 0 };
const BASE = Date.parse('2026-01-01T00:00:00.000Z');

/** Movements with colliding times, negative/fractional grams, and ids that repeat (a replay or an edit). */
const movementArb = fc.record({
  id: fc.integer({ min: 0, max: 40 }).map((n) => `mv-${n}`),
  spoolId: fc.constantFrom(...SPOOLS),
  type: fc.constantFrom(...SPOOL_MOVEMENT_TYPES),
  minute: fc.integer({ min: 0, max: 30 }),
  grams: fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.double({ min: -2000, max: 2000, noNaN: true })),
  estimated: fc.boolean(),
});

interface Gen {
  id: string;
  spoolId: string;
  type: SpoolMovement['type'];
  minute: number;
  grams: number;
  estimated: boolean;
}

function toMovement(m: Gen): SpoolMovement {
  return {
    id: m.id,
    at: new Date(BASE + m.minute * 60_000).toISOString(),
    operatorId: 'op',
    deviceId: 'tab',
    serverUpdatedAt: null,
    spoolId: m.spoolId,
    type: m.type,
    grams: m.grams,
    grossWeightG: null,
    estimated: m.estimated,
    workOrderId: '',
    operationId: '',
    printerId: m.type === 'load' ? 'pr-1' : '',
    slot: m.type === 'load' ? 'AMS1' : '',
    note: '',
  };
}

const opArb = fc.oneof(
  { weight: 4, arbitrary: movementArb.map((m) => ({ put: toMovement(m) })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => ({ remove: `mv-${n}` })) },
  { weight: 2, arbitrary: fc.constantFrom(...SPOOLS).map((s) => ({ read: s })) },
);

describe('SpoolLedgers (incremental) equals the full fold', () => {
  it('after any sequence of puts, replacements, removals and reads in between', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const inc = new SpoolLedgers();
        const truth = new Map<string, SpoolMovement>(); // the database: one row per id
        for (const op of ops) {
          if ('put' in op) {
            inc.put(op.put);
            truth.set(op.put.id, op.put);
          } else if ('remove' in op) {
            inc.remove(op.remove);
            truth.delete(op.remove);
          } else {
            inc.get(op.read, NETS[op.read]!); // warms the cache the next change must invalidate
          }
        }
        for (const spool of SPOOLS) {
          const all = [...truth.values()].filter((m) => m.spoolId === spool);
          expect(inc.get(spool, NETS[spool]!)).toEqual(foldSpoolLedger(all, NETS[spool]!));
        }
        expect(inc.size).toBe(truth.size);
      }),
      { numRuns: 400 },
    );
  });

  it('a change refolds only its own spool; a changed nominal weight refolds that spool', () => {
    const inc = new SpoolLedgers();
    const m = (id: string, spoolId: string, type: SpoolMovement['type'], grams: number, minute: number) =>
      toMovement({ id, spoolId, type, grams, minute, estimated: false });
    inc.put(m('r-a', 'sp-a', 'receive', 1000, 0));
    inc.put(m('r-b', 'sp-b', 'receive', 750, 0));
    expect(inc.get('sp-a', 1000).remainingG).toBe(1000);
    expect(inc.get('sp-b', 750).remainingG).toBe(750);
    const before = inc.folds;
    inc.put(m('w-a', 'sp-a', 'weigh_in', 612.345, 5));
    inc.put(m('c-a', 'sp-a', 'consume', 0.1, 6));
    inc.put(m('c-a2', 'sp-a', 'consume', 0.2, 7));
    expect(inc.get('sp-a', 1000).remainingG).toBe(612.045);
    expect(inc.get('sp-b', 750).remainingG).toBe(750);
    expect(inc.folds - before).toBe(1);
    expect(inc.get('sp-b', 1000).percent).toBe(75);
    expect(inc.folds - before).toBe(2);
  });
});

let n = 0;
const dbs: PrintfloorDatabase[] = [];
const started: SpoolLedgerIndex[] = [];

afterEach(async () => {
  for (const i of started.splice(0)) i.stop();
  await Promise.all(dbs.splice(0).map((d) => d.close()));
});

async function setup() {
  const db = await openDatabase({
    name: `spool-ledger-index-${process.pid}-${n++}`,
    dexie: { indexedDB, IDBKeyRange },
    multiInstance: false,
    devMode: loadDevMode,
    collections: ['spool_movements'],
  });
  dbs.push(db);
  const journal = new SyncJournal(db.sync_journal, () =>
    Promise.resolve(new Map<string, Record<string, unknown>>()),
  );
  const writer = new LocalWriter(db, journal, { deviceId: 'tab', operatorId: () => 'ann' });
  return { db, writer };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('SpoolLedgerIndex on a real RxDB database', () => {
  it('loads the ledger, follows new movements and undos, and misses nothing written while loading', async () => {
    const { db, writer } = await setup();
    await writer.append('spool_movements', spoolMovement('sp-a', { type: 'receive', grams: 1000 }));
    const index = new SpoolLedgerIndex(db);
    started.push(index);
    const loading = index.start();
    await writer.append('spool_movements', spoolMovement('sp-a', { type: 'consume', grams: 12.345 }));
    await loading;
    await settle();
    expect(index.ledgers.get('sp-a', 1000).remainingG).toBe(987.655);

    const weigh = await writer.append(
      'spool_movements',
      spoolMovement('sp-a', { type: 'weigh_in', grams: 500 }),
    );
    await settle();
    expect(index.ledgers.get('sp-a', 1000).remainingG).toBe(500);
    const v = index.version.get();
    await writer.retract('spool_movements', weigh.id);
    await settle();
    expect(index.version.get()).toBeGreaterThan(v);
    expect(index.ledgers.get('sp-a', 1000).remainingG).toBe(987.655);

    const rows = (await db.spool_movements.find().exec()).map((d) => d.toJSON() as SpoolMovement);
    expect(index.ledgers.get('sp-a', 1000)).toEqual(foldSpoolLedger(rows, 1000));
  });
});
