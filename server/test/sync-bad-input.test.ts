import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { COLLECTION_NAMES, MAX_PUSH_BATCH } from '@printfloor/shared';
import type { WireDoc } from '@printfloor/shared';
import { revokeTenantDevice, addDevice } from '../src/admin/admin.service.ts';
import { REPLICATED_TABLES, syncCounters, workOrders } from '../src/db/tables.ts';
import { MAX_PUSH_BYTES } from '../src/sync/sync.routes.ts';
import { Api, asError } from './helpers/api.ts';
import type { RawResponse } from './helpers/api.ts';
import { create, scrapReason, update, workOrder } from './helpers/docs.ts';
import { startHarness } from './helpers/harness.ts';
import { SseReader } from './helpers/sse.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.a.api.push('work_orders', [create(workOrder('existing'))]);
});
afterAll(async () => {
  await h?.close();
});

/** Every counter and every replicated table's row count: equal before and after means nothing was written. */
async function snapshot(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await h.db.orm.select().from(syncCounters)) out[`seq:${r.tenantId}`] = r.seq;
  for (const name of COLLECTION_NAMES) {
    const rows = (await h.db.orm.select({ n: count() }).from(REPLICATED_TABLES[name])) as { n: number }[];
    out[name] = Number(rows[0]!.n);
  }
  return out;
}

/** The one error envelope: code, message, details, a request id in body and header, no stack trace. */
function expectEnvelope(r: RawResponse, status: number, code: string): void {
  expect(r.status).toBe(status);
  const err = asError(r.body);
  expect(err).toMatchObject({ code });
  expect(typeof err.message).toBe('string');
  expect(err).toHaveProperty('details');
  expect(err.requestId).toBeTruthy();
  expect(r.headers.get('x-request-id')).toBe(err.requestId);
  expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.ts:\d+/);
}

async function expectNothingWritten(fn: () => Promise<void>): Promise<void> {
  const before = await snapshot();
  await fn();
  expect(await snapshot()).toEqual(before);
}

describe(`bad input on ${BACKEND}: a 4xx with the error envelope, and nothing written`, () => {
  it('malformed JSON → 400', async () => {
    await expectNothingWritten(async () => {
      expectEnvelope(
        await h.a.api.pushRaw('work_orders', '[{"assumedMasterState": null, "newDocumentState": {'),
        400,
        'bad_request',
      );
    });
  });

  it('unknown collection → 404 (push and pull)', async () => {
    await expectNothingWritten(async () => {
      expectEnvelope(
        await h.a.api.pushRaw('invoices', JSON.stringify([create(scrapReason('x'))])),
        404,
        'unknown_collection',
      );
      expectEnvelope(
        await h.a.api.request('GET', '/api/sync/invoices/pull?seq=0'),
        404,
        'unknown_collection',
      );
      expectEnvelope(
        await h.a.api.request('GET', '/api/sync/__proto__/pull?seq=0'),
        404,
        'unknown_collection',
      );
    });
  });

  it('a document failing the schema → 422 naming the field; the valid rows of the batch are not written either', async () => {
    await expectNothingWritten(async () => {
      const ok = create(workOrder('valid-in-bad-batch'));
      const bad = create({ ...workOrder('bad-1'), priority: 9 });
      const r = await h.a.api.pushRaw('work_orders', JSON.stringify([ok, bad]));
      expectEnvelope(r, 422, 'validation_failed');
      expect(JSON.stringify(asError(r.body).details)).toContain('1.newDocumentState.priority');
      // Unknown fields, a missing _deleted, a non-array body, a wrong type: all 422.
      for (const body of [
        [create({ ...workOrder('bad-2'), password: 'x' })],
        [create({ ...workOrder('bad-3'), _deleted: undefined })],
        { assumedMasterState: null, newDocumentState: workOrder('bad-4') },
        [create({ ...workOrder('bad-5'), qtyOrdered: '12' })],
        [{ newDocumentState: workOrder('bad-6') }],
      ]) {
        expectEnvelope(await h.a.api.pushRaw('work_orders', JSON.stringify(body)), 422, 'validation_failed');
      }
    });
  });

  it('text Postgres cannot store (NUL, lone surrogate) → 422', async () => {
    await expectNothingWritten(async () => {
      for (const notes of ['a\u0000b', 'x\ud800y']) {
        const r = await h.a.api.pushRaw(
          'work_orders',
          JSON.stringify([create({ ...workOrder('nul'), notes })]),
        );
        expectEnvelope(r, 422, 'validation_failed');
      }
    });
  });

  it(`a batch over ${MAX_PUSH_BATCH} rows → 413, and a body over the byte limit → 413`, async () => {
    await expectNothingWritten(async () => {
      const rows = Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, i) => create(scrapReason(`big-${i}`)));
      const r = await h.a.api.pushRaw('scrap_reasons', JSON.stringify(rows));
      expectEnvelope(r, 413, 'payload_too_large');
      expect(asError(r.body).details).toMatchObject({ max: MAX_PUSH_BATCH, got: MAX_PUSH_BATCH + 1 });
      const huge = JSON.stringify([create({ ...scrapReason('huge'), name: 'x'.repeat(MAX_PUSH_BYTES) })]);
      expectEnvelope(await h.a.api.pushRaw('scrap_reasons', huge), 413, 'payload_too_large');
    });
  });

  it('missing, unknown or revoked device token → 401 on every sync and /api/me route', async () => {
    const { token, device } = await addDevice(h.db.orm, 'tenant-a', 'soon revoked');
    await revokeTenantDevice(h.db.orm, 'tenant-a', device.id);
    const cases: [Api, string][] = [
      [new Api(h.server.url, undefined), 'unauthorized'],
      [new Api(h.server.url, 'pfd_not-a-real-token'), 'invalid_token'],
      [new Api(h.server.url, token), 'device_revoked'],
    ];
    await expectNothingWritten(async () => {
      for (const [api, code] of cases) {
        expectEnvelope(
          await api.pushRaw('work_orders', JSON.stringify([create(workOrder('unauth'))])),
          401,
          code,
        );
        expectEnvelope(await api.request('GET', '/api/sync/work_orders/pull?seq=0'), 401, code);
        expectEnvelope(await api.request('GET', '/api/sync/stream'), 401, code);
        expectEnvelope(await api.request('GET', '/api/me'), 401, code);
      }
      // A malformed Authorization header is as good as none; ?token= only counts for the stream.
      const bare = new Api(h.server.url, undefined);
      expectEnvelope(
        await bare.request('GET', '/api/me', undefined, { authorization: `Basic ${h.a.token}` }),
        401,
        'unauthorized',
      );
      expectEnvelope(
        await bare.request('GET', `/api/sync/work_orders/pull?token=${h.a.token}`),
        401,
        'unauthorized',
      );
    });
  });

  it('an open stream of a device revoked meanwhile is closed at the next keep-alive tick', async () => {
    const { token, device } = await addDevice(h.db.orm, 'tenant-a', 'revoked while listening');
    const keep = await SseReader.open(h.server.url, h.a.token);
    const gone = await SseReader.open(h.server.url, token);
    expect(await gone.next()).toBe('RESYNC');
    await revokeTenantDevice(h.db.orm, 'tenant-a', device.id);
    await h.server.app.hub.tick();
    await gone.ended; // the server closed it
    let keepEnded = false;
    void keep.ended.then(() => (keepEnded = true));
    await h.server.app.hub.tick();
    expect(keepEnded).toBe(false);
    await keep.close();
  });

  it("another tenant's document id never touches nor reveals the other tenant's row", async () => {
    const secret = workOrder('shared-id', { title: 'B secret order', customerName: 'B Corp' });
    await h.b.api.push('work_orders', [create(secret)]);
    const bRowBefore = await h.db.orm
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.tenantId, h.b.id), eq(workOrders.id, 'shared-id')));
    const bPullBefore = await h.b.api.pullAll('work_orders');

    // A creates a document with the same id: it is A's own row, and A learns nothing about B's (no conflict).
    const mine = workOrder('shared-id', { title: 'A order' });
    expect(await h.a.api.push('work_orders', [create(mine)])).toEqual([]);
    // A pretends to know B's row as the master: the conflict answer is A's own row, never B's.
    const masterA = (await h.a.api.pullAll<WireDoc<'work_orders'>>('work_orders')).documents.find(
      (d) => d.id === 'shared-id',
    )!;
    const conflicts = await h.a.api.push<WireDoc<'work_orders'>>('work_orders', [
      update(secret, { ...secret, title: 'hijack' }),
    ]);
    expect(conflicts).toEqual([masterA]);
    expect(JSON.stringify(conflicts)).not.toContain('B secret');
    expect(JSON.stringify(await h.a.api.pullAll('work_orders'))).not.toContain('B secret');

    const bRowAfter = await h.db.orm
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.tenantId, h.b.id), eq(workOrders.id, 'shared-id')));
    expect(bRowAfter).toEqual(bRowBefore);
    expect(await h.b.api.pullAll('work_orders')).toEqual(bPullBefore);
  });

  it('an invalid pull query → 422; an unknown /api route → 404 envelope', async () => {
    await expectNothingWritten(async () => {
      for (const q of ['seq=-1', 'seq=abc', 'limit=0', 'limit=100000', 'limit=2.5']) {
        expectEnvelope(
          await h.a.api.request('GET', `/api/sync/work_orders/pull?${q}`),
          422,
          'validation_failed',
        );
      }
      expectEnvelope(await h.a.api.request('GET', '/api/nope'), 404, 'not_found');
      expectEnvelope(await h.a.api.request('DELETE', '/api/sync/work_orders/push'), 404, 'not_found');
    });
  });
});
