import { afterEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom, take, timeout } from 'rxjs';
import type { PrintfloorClient } from '../src/data/client.ts';
import { FakeSyncServer } from './fake-sync-server.ts';
import { fakeTablet } from './fake-tablet.ts';
import { workOrder } from './factories.ts';

const open: PrintfloorClient[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

// Issue 8's long soak: one RxDB tablet still showed edits waiting 120 s after the shift. An edit
// whose push is NOT acknowledged as such (a conflict the merge resolves to the server's version, so
// nothing is pushed again) is only cleared by the reconcile that runs when the replication goes
// idle. When that idle moment came while an earlier reconcile was still waiting for the sync, it
// was dropped — and the earlier one only clears marks older than its own start: the edit stayed
// "waiting" until some later activity, which after the shift never came.
describe('edits waiting drain once everything is pushed', () => {
  it('clears an edit whose conflict resolved to the server version while a reconcile was running', async () => {
    const server = new FakeSyncServer();
    const held: (() => void)[] = [];
    let gate = false;
    const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
      // No change stream: this tablet must not pull the other device's edit before it pushes its own.
      if (input.includes('/api/sync/stream')) throw new TypeError('no stream on this Wi-Fi');
      if (gate && input.endsWith('/push')) await new Promise<void>((r) => held.push(r));
      return server.fetch(input, init);
    };
    const a = await fakeTablet(server, {
      name: `drain-${process.pid}`,
      collections: ['work_orders'],
      deviceId: 'tab-a',
      fetch,
      sync: { retryTimeMs: 50, stream: { minDelayMs: 60_000, maxDelayMs: 60_000 } },
    });
    open.push(a);
    const w = await a.writer.insert('work_orders', workOrder({ code: 'WO-1' }));
    const w2 = await a.writer.insert('work_orders', workOrder({ code: 'WO-2' }));
    await a.sync.awaitInSync();
    await firstValueFrom(a.sync.status$.pipe(filter((s) => s.pending === 0)));

    // Another device sets the same field later (its clock is ahead): the merge will keep its value.
    const master = server.docs('work_orders').find((d) => d.id === w.id)!;
    const later = new Date(Date.now() + 60_000).toISOString();
    const other = await server.fetch('http://fake.local/api/sync/work_orders/push', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}` },
      body: JSON.stringify([
        {
          assumedMasterState: master,
          newDocumentState: { ...master, priority: 5, updatedAt: later, updatedBy: 'tab-z' },
        },
      ]),
    });
    expect(await other.json()).toEqual([]);

    // Push of WO-2 on the wire; the moment it is acknowledged the replication goes idle and its
    // reconcile starts — and at that very moment the operator edits WO-1, whose push is held a while.
    gate = true;
    await a.writer.patch('work_orders', w2.id, { notes: 'checked' });
    while (held.length < 1) await sleep(5);
    const rep = a.sync.replications.get('work_orders')!;
    let edit: Promise<void> | undefined;
    const editing = firstValueFrom(
      rep.active$.pipe(
        filter((active) => !active),
        take(1),
      ),
    ).then(() => (edit = a.writer.patch('work_orders', w.id, { priority: 1 })));
    held[0]!();
    await editing;
    await edit;
    while (held.length < 2) await sleep(5);
    await sleep(200);
    gate = false;
    held[1]!();

    const s = await firstValueFrom(
      a.sync.status$.pipe(
        filter((x) => x.pending === 0),
        timeout({ first: 10_000, with: () => a.sync.status$.pipe(take(1)) }),
      ),
    );
    expect(s.pending).toBe(0);
    // The conflict was real and the server's later edit won, on the tablet too.
    expect((await a.db.work_orders.findOne(w.id).exec())?.priority).toBe(5);
    expect(server.docs('work_orders').find((d) => d.id === w.id)).toMatchObject({ priority: 5 });
  }, 30_000);
});
