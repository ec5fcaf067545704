import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOwned, foldSpoolLedger, type DocOf, type SpoolMovement } from '@printfloor/shared';
import type { RxCollection } from 'rxdb';
import { firstValueFrom } from 'rxjs';
import { consume } from '../../client/src/data/spool-commands.ts';
import { nodeTablet, type NodeTablet } from '../support/node-client.ts';
import {
  createTenantWithDevices,
  disposeServer,
  newServerEnv,
  startServer,
  type ServerEnv,
  type TestServer,
} from '../support/server.ts';
import { pullAll, waitFor } from '../support/api.ts';

const COLLS = ['work_orders', 'spools', 'spool_movements'] as const;
type Coll = (typeof COLLS)[number];

let env: ServerEnv | null = null;
let server: TestServer | null = null;
const tablets: NodeTablet[] = [];
const slug = `conv-${Date.now().toString(36)}`;
let tokens: string[] = [];

beforeAll(async () => {
  env = await newServerEnv();
  tokens = await createTenantWithDevices(env, slug, ['tablet A', 'tablet B']);
  server = await startServer(env);
  for (const [i, token] of tokens.entries()) {
    const me = (await (
      await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      device: { id: string };
    };
    tablets.push(
      await nodeTablet({
        baseUrl: server.url,
        token,
        deviceId: me.device.id,
        tenantSlug: slug,
        collections: COLLS,
      }),
    );
    expect(me.device.id, `device ${i}`).toBeTruthy();
  }
});

afterAll(async () => {
  await Promise.all(tablets.map((t) => t.client.close()));
  await disposeServer(server, env);
});

/** A collection's documents on one tablet, client-owned fields only, sorted by id. */
async function snapshot(t: NodeTablet, name: Coll): Promise<Record<string, unknown>[]> {
  const coll = t.client.db.collections[name] as unknown as RxCollection<Record<string, unknown>>;
  const docs = await coll.find().exec();
  return docs
    .map((d) => clientOwned(d.toJSON() as Record<string, unknown>))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

async function remaining(t: NodeTablet, spoolId: string): Promise<number> {
  const moves = await t.client.db.spool_movements.find({ selector: { spoolId } }).exec();
  return foldSpoolLedger(
    moves.map((m) => m.toJSON() as SpoolMovement),
    1000,
  ).remainingG;
}

describe('two tablets against the real server', () => {
  it('merge offline edits of one work order and sum offline consumption exactly', async () => {
    const [a, b] = tablets as [NodeTablet, NodeTablet];
    const wo = await a.client.writer.insert('work_orders', {
      code: 'WO-E2E-1',
      partId: '',
      title: 'Bracket',
      qtyOrdered: 10,
      qtyCompleted: 0,
      qtyScrapped: 0,
      status: 'released',
      onHold: false,
      priority: 3,
      dueDate: '2026-12-01',
      customerName: 'Acme',
      poNumber: 'PO-1',
      lineRef: '',
      materialHint: 'PETG',
      notes: '',
      createdAt: new Date().toISOString(),
    });
    const spool = await a.client.writer.insert('spools', {
      code: 'SP-E2E-1',
      material: 'PETG',
      colorName: 'Green',
      colorHex: '#1f9d55',
      brand: 'Prusament',
      diameterMm: 1.75,
      netWeightG: 1000,
      tareWeightG: 200,
      lot: '',
      location: 'Rack A',
      status: 'active',
      loadedPrinterId: '',
      loadedSlot: '',
      spoolmanId: null,
      ean: null,
      receivedAt: '2026-11-01',
      notes: '',
    });
    await a.client.writer.append('spool_movements', {
      spoolId: spool.id,
      type: 'receive',
      grams: 1000,
      grossWeightG: null,
      estimated: false,
      workOrderId: '',
      operationId: '',
      printerId: '',
      slot: '',
      note: '',
    });
    await a.status((s) => s.pending === 0 && s.state === 'synced');
    await waitFor('tablet B to receive the work order', async () =>
      (await b.client.db.work_orders.findOne(wo.id).exec()) ? true : undefined,
    );
    await waitFor('tablet B to receive the receipt', async () =>
      (await remaining(b, spool.id)) === 1000 ? true : undefined,
    );

    // The Wi-Fi drops on both tablets; each keeps working.
    a.network.setOffline(true);
    b.network.setOffline(true);
    await a.client.writer.patch('work_orders', wo.id, { priority: 1, customerName: 'Acme Robotics' });
    await b.client.writer.patch('work_orders', wo.id, {
      notes: 'Use the green PETG',
      customerName: 'ACME GmbH',
    });
    await consume(a.client.writer, spool.id, 12.345);
    await consume(b.client.writer, spool.id, 7.655);
    await consume(b.client.writer, spool.id, 100);
    expect(await a.status((s) => s.pending === 2 && s.state === 'offline')).toMatchObject({ pending: 2 });
    expect(await b.status((s) => s.pending === 3 && s.state === 'offline')).toMatchObject({ pending: 3 });
    expect(await remaining(a, spool.id)).toBe(987.655);
    expect(await remaining(b, spool.id)).toBe(892.345);

    // Back online: nothing lost, both end with the same documents.
    a.network.setOffline(false);
    b.network.setOffline(false);
    await a.status((s) => s.pending === 0 && s.state === 'synced');
    await b.status((s) => s.pending === 0 && s.state === 'synced');
    await waitFor('both tablets to hold the same documents', async () => {
      for (const name of COLLS) {
        if (!isDeepStrictEqual(await snapshot(a, name), await snapshot(b, name))) return undefined;
      }
      const docA = (await a.client.db.work_orders.findOne(wo.id).exec())?.toJSON();

      return docA?.priority === 1 && docA.notes !== '' ? true : undefined;
    });

    for (const name of COLLS) expect(await snapshot(b, name)).toEqual(await snapshot(a, name));
    for (const t of [a, b]) {
      const doc = (await t.client.db.work_orders.findOne(wo.id).exec())!.toJSON() as DocOf<'work_orders'>;
      expect(doc.priority).toBe(1);
      expect(doc.notes).toBe('Use the green PETG');
      // Both changed the customer: a true clash, resolved the same way on both tablets.
      expect(['Acme Robotics', 'ACME GmbH']).toContain(doc.customerName);
      expect(await remaining(t, spool.id)).toBe(880);
    }

    // The tablet whose push arrived second met the conflict: its journal shows the clash to the user.
    const clashes = [
      ...(await firstValueFrom(a.client.journal.open$('clash'))),
      ...(await firstValueFrom(b.client.journal.open$('clash'))),
    ];
    expect(clashes.map((c) => [c.docId, c.summary.includes('customerName')])).toContainEqual([wo.id, true]);
    expect(clashes.some((c) => c.summary.includes('priority') || c.summary.includes('notes'))).toBe(false);

    // The server holds the same: merged fields, every movement exactly once.
    const token = tokens[0]!;
    const serverWo = (await pullAll(server!.url, token, 'work_orders')).find((d) => d.id === wo.id)!;
    const localWo = (await a.client.db.work_orders.findOne(wo.id).exec())!.toJSON();
    expect(clientOwned(serverWo)).toEqual(clientOwned(localWo as Record<string, unknown>));
    const moves = (await pullAll(server!.url, token, 'spool_movements')).filter(
      (m) => m.spoolId === spool.id,
    );
    expect(moves).toHaveLength(4);
    expect(foldSpoolLedger(moves as unknown as SpoolMovement[], 1000).remainingG).toBe(880);
  });
});
