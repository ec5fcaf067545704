import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { foldSpoolLedger, type DocOf } from '@printfloor/shared';
import type { PrintfloorClient } from '../src/data/client.ts';
import type { SyncStatus } from '../src/data/sync-status.ts';
import { FakeSyncServer } from './fake-sync-server.ts';
import { fakeTablet } from './fake-tablet.ts';
import { asMaster, movement, spool, workOrder } from './factories.ts';

const COLLS = ['work_orders', 'spools', 'spool_movements'] as const;
let dbCounter = 0;
const open: PrintfloorClient[] = [];

async function client(server: FakeSyncServer, deviceId: string): Promise<PrintfloorClient> {
  const c = await fakeTablet(server, {
    name: `test-${process.pid}-${dbCounter++}`,
    collections: COLLS,
    deviceId,
    sync: { retryTimeMs: 100, stream: { minDelayMs: 20, maxDelayMs: 100 } },
  });
  open.push(c);
  return c;
}

const status = (c: PrintfloorClient, pred: (s: SyncStatus) => boolean) =>
  firstValueFrom(c.sync.status$.pipe(filter(pred)));

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('replication against the sync contract', () => {
  it('merges offline edits of one work order and sums offline consumption exactly', async () => {
    const server = new FakeSyncServer();
    const a = await client(server, 'tab-a');
    const b = await client(server, 'tab-b');
    const wo = await a.writer.insert('work_orders', workOrder());
    const sp = await a.writer.insert('spools', spool());
    await a.writer.append('spool_movements', movement(sp.id, { type: 'receive', grams: 1000 }));
    await a.sync.awaitInSync();
    await b.sync.awaitInSync();
    expect(await b.db.work_orders.findOne(wo.id).exec()).not.toBeNull();

    server.offline = true;
    server.dropStreams();
    await a.writer.patch('work_orders', wo.id, { priority: 1 });
    await b.writer.patch('work_orders', wo.id, { notes: 'Use the green PETG' });
    await a.writer.append('spool_movements', movement(sp.id, { grams: 12.345 }));
    await b.writer.append('spool_movements', movement(sp.id, { grams: 7.655 }));
    await b.writer.append('spool_movements', movement(sp.id, { grams: 100 }));
    expect((await status(a, (s) => s.pending === 2)).state).toBe('offline');
    expect((await status(b, (s) => s.pending === 3)).state).toBe('offline');

    server.offline = false;
    await status(a, (s) => s.pending === 0 && s.state === 'synced');
    await status(b, (s) => s.pending === 0 && s.state === 'synced');
    await a.sync.awaitInSync();
    await b.sync.awaitInSync();
    for (const c of [a, b]) {
      const doc = (await c.db.work_orders.findOne(wo.id).exec())!.toJSON();
      expect(doc).toMatchObject({ priority: 1, notes: 'Use the green PETG' });
      const moves = (await c.db.spool_movements.find().exec()).map(
        (d) => d.toJSON() as DocOf<'spool_movements'>,
      );
      expect(foldSpoolLedger(moves, 1000).remainingG).toBe(880);
    }
    expect(server.docs('work_orders')[0]).toMatchObject({ priority: 1, notes: 'Use the green PETG' });
    expect(server.docs('spool_movements')).toHaveLength(4);
  });

  it('parks only the invalid row of a batch the server refuses, and pushes the rest', async () => {
    const server = new FakeSyncServer();
    const a = await client(server, 'tab-a');
    await a.sync.awaitInSync();
    server.offline = true;
    server.dropStreams();
    const sp = await a.writer.insert('spools', spool());
    // Valid locally (the local schema has no pattern checks), refused by the server's zod schema.
    const bad = await a.writer.insert('spools', spool({ code: 'SP-0002', colorHex: 'red!!!' }));
    const sp3 = await a.writer.insert('spools', spool({ code: 'SP-0003' }));
    server.offline = false;
    const s = await status(a, (x) => x.rejected === 1 && x.pending === 0);
    expect(s.state).toBe('synced');
    expect(
      server
        .docs('spools')
        .map((d) => d.id)
        .sort(),
    ).toEqual([sp.id, sp3.id].sort());
    const [entry] = await firstValueFrom(a.journal.open$('rejected'));
    expect(entry).toMatchObject({ collectionName: 'spools', docId: bad.id });
    expect(entry!.summary).toContain('VALIDATION');
  });

  it('shows a refused token as blocked and keeps the edit waiting', async () => {
    const server = new FakeSyncServer();
    const a = await client(server, 'tab-a');
    await a.sync.awaitInSync();
    server.token = 'revoked';
    server.dropStreams();
    await a.writer.insert('work_orders', workOrder());
    const s = await status(a, (x) => x.state === 'blocked');
    expect(s.pending).toBe(1);
    expect(s.lastFailure?.code).toBe('UNAUTHORIZED');
  });

  it('keeps an edit made while the previous version is in flight waiting until it is pushed too', async () => {
    const server = new FakeSyncServer();
    const held: (() => void)[] = [];
    const gated = (input: string, init?: RequestInit): Promise<Response> =>
      input.endsWith('/push')
        ? new Promise<void>((r) => held.push(r)).then(() => server.fetch(input, init))
        : server.fetch(input, init);
    const waitHeld = (n: number) =>
      new Promise<void>((r) => {
        const t = setInterval(() => held.length >= n && (clearInterval(t), r()), 5);
      });
    const a = await client(Object.assign(Object.create(server) as FakeSyncServer, { fetch: gated }), 'tab-a');
    const wo = await a.writer.insert('work_orders', workOrder());
    await waitHeld(1);
    await a.writer.patch('work_orders', wo.id, { priority: 1 }); // while version 1 is on the wire
    held[0]!();
    await waitHeld(2); // version 1 acknowledged, version 2 on the wire
    expect((await status(a, () => true)).pending).toBe(1);
    held[1]!();
    await status(a, (s) => s.pending === 0 && s.state === 'synced');
    expect(server.docs('work_orders')[0]).toMatchObject({ id: wo.id, priority: 1 });
  });

  it('takes documents another device pushed, live, through the shared stream', async () => {
    const server = new FakeSyncServer();
    const a = await client(server, 'tab-a');
    await a.sync.awaitInSync();
    const other = await server.fetch('http://fake.local/api/sync/spools/push', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}` },
      body: JSON.stringify([
        { assumedMasterState: null, newDocumentState: asMaster('sp-x', spool({ code: 'SP-0099' })) },
      ]),
    });
    expect(other.status).toBe(200);
    const got = await firstValueFrom(a.db.spools.findOne('sp-x').$.pipe(filter(Boolean)));
    expect(got.code).toBe('SP-0099');
  });
});
