import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openDatabase, type PrintfloorDatabase } from '../src/data/database.ts';
import { loadDevMode } from '../src/data/dev-mode.ts';
import { SyncJournal } from '../src/data/journal.ts';
import { LocalWriter } from '../src/data/writes.ts';
import { recordStepEvent } from '../src/data/step-commands.ts';
import { FloorIndex } from '../src/floor/floor-index.ts';
import { buildStationView } from '../src/floor/station-view.ts';
import { workOrder } from './factories.ts';

let n = 0;
const dbs: PrintfloorDatabase[] = [];
const indexes: FloorIndex[] = [];

async function setup() {
  const db = await openDatabase({
    name: `floor-index-${process.pid}-${n++}`,
    dexie: { indexedDB, IDBKeyRange },
    multiInstance: false,
    devMode: loadDevMode,
    collections: ['work_orders', 'operations', 'step_events'],
  });
  dbs.push(db);
  const journal = new SyncJournal(db.sync_journal, () =>
    Promise.resolve(new Map<string, Record<string, unknown>>()),
  );
  const writer = new LocalWriter(db, journal, { deviceId: 'tab', operatorId: () => 'ann' });
  return { db, writer };
}

afterEach(async () => {
  for (const i of indexes.splice(0)) i.stop();
  await Promise.all(dbs.splice(0).map((d) => d.close()));
});

async function addOrder(writer: LocalWriter, code: string, printerId: string) {
  const wo = await writer.insert('work_orders', workOrder({ code }));
  const mk = (sequence: number, wc: string, p = '') =>
    writer.insert('operations', {
      workOrderId: wo.id,
      sequence,
      code: `OP${sequence}`,
      name: wc,
      workCenterId: wc,
      plannedSetupMinutes: 0,
      plannedRunMinutes: 1,
      printerId: p,
      notes: '',
    });
  const ops = [await mk(10, 'wc-print', printerId), await mk(20, 'wc-post'), await mk(30, 'wc-qc')];
  return { wo, ops };
}

const nextChange = (index: FloorIndex) =>
  new Promise<void>((resolve) => {
    const off = index.version.subscribe(() => {
      off();
      resolve();
    });
  });

describe('FloorIndex', () => {
  it('loads what is there, then follows writes: a completed print moves the next step to the bench', async () => {
    const { db, writer } = await setup();
    const a = await addOrder(writer, 'WO-A', 'pr1');
    const index = new FloorIndex(db);
    indexes.push(index);
    await index.start();
    expect(index.ready).toBe(true);
    const bench = () =>
      buildStationView(index.workOrdersAt({ workCenterId: 'wc-post' }), {
        kind: 'work_center',
        id: 'wc-post',
      });
    const printer = () =>
      buildStationView(
        index.workOrdersAt({ printerId: 'pr1', workCenterId: 'wc-print' }),
        { kind: 'printer', id: 'pr1' },
        'wc-print',
      );
    expect(printer().queue.map((s) => s.wo.code)).toEqual(['WO-A']);

    let changed = nextChange(index);
    await recordStepEvent(db, writer, a.wo.id, a.ops[0]!.id, { type: 'start', printerId: 'pr1' });
    await changed;
    expect(printer().running.map((s) => s.op.code)).toEqual(['OP10']);

    changed = nextChange(index);
    await recordStepEvent(db, writer, a.wo.id, a.ops[0]!.id, {
      type: 'complete',
      printerId: 'pr1',
      qtyGood: 20,
    });
    await changed;
    expect(printer()).toMatchObject({ running: [], queue: [] });
    expect(bench().queue.map((s) => s.op.code)).toEqual(['OP20']);

    // A new order arriving (as replication would write it) shows up without a reload.
    changed = nextChange(index);
    await addOrder(writer, 'WO-B', 'pr1');
    await changed;
    expect(printer().queue.map((s) => s.wo.code)).toEqual(['WO-B']);
  });

  it('a retracted (undone) event disappears from the fold', async () => {
    const { db, writer } = await setup();
    const a = await addOrder(writer, 'WO-A', 'pr1');
    const index = new FloorIndex(db);
    indexes.push(index);
    await index.start();
    const e = await recordStepEvent(db, writer, a.wo.id, a.ops[0]!.id, { type: 'start', printerId: 'pr1' });
    await new Promise((r) => setTimeout(r, 20));
    expect(index.workOrder(a.wo.id)?.state.currentStepId).toBe(a.ops[0]!.id);
    const changed = nextChange(index);
    await writer.retract('step_events', e.id);
    await changed;
    expect(index.workOrder(a.wo.id)?.state.currentStepId).toBeNull();
    expect(index.size.events).toBe(0);
  });

  it('misses nothing written while it loads', async () => {
    const { db, writer } = await setup();
    const index = new FloorIndex(db);
    indexes.push(index);
    const starting = index.start();
    const a = await addOrder(writer, 'WO-RACE', 'pr1');
    await starting;
    await new Promise((r) => setTimeout(r, 20));
    expect(index.workOrder(a.wo.id)?.ops).toHaveLength(3);
  });

  it('keeps why it could not load, for the screens to show', async () => {
    const { db } = await setup();
    await db.close();
    const index = new FloorIndex(db);
    indexes.push(index);
    await expect(index.start()).rejects.toThrow();
    expect(index.failure.get()).toBeTruthy();
    expect(index.ready).toBe(false);
  });
});
