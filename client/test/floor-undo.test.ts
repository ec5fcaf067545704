import { afterEach, describe, expect, it } from 'vitest';
import { foldSpoolLedger, type DocOf, type Printer, type Spool } from '@printfloor/shared';
import type { PrintfloorClient } from '../src/data/client.ts';
import { FloorCommands } from '../src/floor/commands.ts';
import { UndoStack } from '../src/floor/undo-stack.ts';
import { FakeSyncServer } from './fake-sync-server.ts';
import { fakeTablet } from './fake-tablet.ts';
import { spool, workOrder } from './factories.ts';

const COLLS = ['work_orders', 'operations', 'step_events', 'spools', 'spool_movements', 'printers'] as const;
const WINDOW = 300;
let n = 0;
const open: PrintfloorClient[] = [];

async function setup() {
  const server = new FakeSyncServer();
  const client = await fakeTablet(server, {
    name: `undo-${process.pid}-${n++}`,
    collections: COLLS,
    deviceId: 'tab-1',
    operatorId: () => 'ann',
    sync: { retryTimeMs: 50, stream: { minDelayMs: 20, maxDelayMs: 100 } },
  });
  open.push(client);
  const undo = new UndoStack(WINDOW);
  const floor = new FloorCommands({ client, undo, holdMarginMs: 100 });
  return { server, client, undo, floor };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function workOrderWithStep(client: PrintfloorClient) {
  const wo = await client.writer.insert('work_orders', workOrder({ qtyOrdered: 2 }));
  const op = await client.writer.insert('operations', {
    workOrderId: wo.id,
    sequence: 10,
    code: 'OP10',
    name: 'Print',
    workCenterId: '',
    plannedSetupMinutes: 0,
    plannedRunMinutes: 60,
    printerId: '',
    notes: '',
  });
  return { wo, op };
}

describe('undo of floor actions', () => {
  it('an undone step event never reaches the server as a live event, and the work order goes back', async () => {
    const { server, client, undo, floor } = await setup();
    const { wo, op } = await workOrderWithStep(client);
    await client.sync.awaitInSync();
    const ev = await floor.step(wo.id, op.id, { type: 'start' }, 'Started OP10');
    expect((await client.db.work_orders.findOne(wo.id).exec())?.status).toBe('in_progress');
    await sleep(WINDOW / 3);
    expect(await undo.undo(undo.latest.get()!.id)).toBe('undone');
    expect((await client.db.work_orders.findOne(wo.id).exec())?.status).toBe('released');
    expect(await client.db.step_events.findOne(ev.id).exec()).toBeNull();
    await sleep(WINDOW + 300);
    await client.sync.awaitInSync();
    const sent = server.pushed.filter((p) => p.doc.id === ev.id);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((p) => p.doc._deleted === true)).toBe(true);
    expect(server.docs('work_orders').find((w) => w.id === wo.id)?.status).toBe('released');
  });

  it('an event that is not undone stays on the tablet for the window, then reaches the server', async () => {
    const { server, client, floor } = await setup();
    const { wo, op } = await workOrderWithStep(client);
    await client.sync.awaitInSync();
    const ev = await floor.step(wo.id, op.id, { type: 'start' }, 'Started OP10');
    await sleep(WINDOW / 2);
    expect(server.docs('step_events').find((e) => e.id === ev.id)).toBeUndefined();
    // The work order's own status change is a mutable patch: it is not held.
    expect(server.docs('work_orders').find((w) => w.id === wo.id)?.status).toBe('in_progress');
    await sleep(WINDOW + 300);
    await client.sync.awaitInSync();
    expect(server.docs('step_events').find((e) => e.id === ev.id)).toMatchObject({
      type: 'start',
      operatorId: 'ann',
      _deleted: false,
    });
  });

  it('refuses an undo after the window', async () => {
    const { client, undo, floor } = await setup();
    const { wo, op } = await workOrderWithStep(client);
    const ev = await floor.step(wo.id, op.id, { type: 'start' }, 'Started');
    const entry = undo.latest.get()!;
    await sleep(WINDOW + 10);
    expect(await undo.undo(entry.id)).toBe('expired');
    expect(await client.db.step_events.findOne(ev.id).exec()).not.toBeNull();
  });

  it('undoing a load puts both spools back where they were, ledger and documents', async () => {
    const { server, client, undo, floor } = await setup();
    const printer: Printer = await client.writer.insert('printers', {
      code: 'PR-001',
      name: 'X1C',
      brand: 'Bambu Lab',
      protocol: 'bambu',
      model: 'X1C',
      serial: 's',
      location: 'Rack 1',
      workCenterId: '',
      slots: 4,
      active: true,
      notes: '',
    });
    const a = await floor.receiveSpool(spool({ code: 'SP-A', location: 'Shelf 1' }));
    const b = await floor.receiveSpool(spool({ code: 'SP-B', location: 'Shelf 2' }));
    await floor.loadSpool(a, printer, 'AMS1-1');
    const aLoaded = (await client.db.spools.findOne(a.id).exec())!.toJSON() as Spool;
    expect(aLoaded).toMatchObject({ loadedPrinterId: printer.id, loadedSlot: 'AMS1-1', location: 'Shelf 1' });
    await floor.loadSpool(b, printer, 'AMS1-1');
    expect((await client.db.spools.findOne(a.id).exec())!.toJSON()).toMatchObject({
      loadedPrinterId: '',
      location: 'Shelf 1',
    });
    expect(
      await client.db.spool_movements.find({ selector: { spoolId: a.id, type: 'unload' } }).exec(),
    ).toHaveLength(1);
    expect(await undo.undo(undo.latest.get()!.id)).toBe('undone');
    expect((await client.db.spools.findOne(a.id).exec())!.toJSON()).toMatchObject({
      loadedPrinterId: printer.id,
      loadedSlot: 'AMS1-1',
    });
    expect((await client.db.spools.findOne(b.id).exec())!.toJSON()).toMatchObject({
      loadedPrinterId: '',
      location: 'Shelf 2',
    });
    const moves = (await client.db.spool_movements.find({ selector: { spoolId: a.id } }).exec()).map(
      (d) => d.toJSON() as DocOf<'spool_movements'>,
    );
    expect(moves.map((m) => m.type).sort()).toEqual(['load', 'receive']);
    await sleep(WINDOW + 300);
    await client.sync.awaitInSync();
    const live = server
      .docs('spool_movements')
      .filter((m) => !m._deleted) as unknown as DocOf<'spool_movements'>[];
    expect(live.filter((m) => m.spoolId === b.id).map((m) => m.type)).toEqual(['receive']);
    expect(
      foldSpoolLedger(
        live.filter((m) => m.spoolId === a.id),
        1000,
      ).loadedPrinterId,
    ).toBe(printer.id);
  });

  it('weigh-in and consumption are exact in the ledger; undoing a receive deletes the spool', async () => {
    const { server, client, undo, floor } = await setup();
    const s = await floor.receiveSpool(spool({ code: 'SP-C', netWeightG: 1000, tareWeightG: 201 }));
    await floor.weighIn(s, 953.4);
    await floor.consume(s, 12.345, { workOrderId: 'wo-1', operationId: 'op-1' });
    const moves = (await client.db.spool_movements.find({ selector: { spoolId: s.id } }).exec()).map(
      (d) => d.toJSON() as DocOf<'spool_movements'>,
    );
    expect(foldSpoolLedger(moves, 1000).remainingG).toBe(740.055);
    const r = await floor.receiveSpool(spool({ code: 'SP-D' }));
    await undo.undo(undo.latest.get()!.id);
    expect(await client.db.spools.findOne(r.id).exec()).toBeNull();
    await sleep(WINDOW + 300);
    await client.sync.awaitInSync();
    expect(server.docs('spools').find((x) => x.id === r.id)?._deleted).toBe(true);
    expect(server.docs('spools').find((x) => x.id === s.id)?._deleted).toBe(false);
  });
});
