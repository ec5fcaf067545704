import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../src/accounts/accounts.service.ts';
import { addDevice, createTenant } from '../src/admin/admin.service.ts';
import type { Database } from '../src/db/database.ts';
import { devices } from '../src/db/schema/server.ts';
import { startServer } from '../src/server.ts';
import type { RunningServer } from '../src/server.ts';
import { HEARTBEAT_WRITE_EVERY_MS, TabletStatusStore } from '../src/tablets/tablet-status.ts';
import { Browser } from './helpers/browser.ts';
import { BACKEND, createTestDatabase } from './helpers/test-db.ts';
import type { TestDatabase } from './helpers/test-db.ts';

/**
 * Tablet heartbeats live on the device row (migration 0007): they survive a restart, every server
 * instance over the same database shows them, and they are written at a bounded rate.
 */

const PW = 'a long enough password';
let testDb: TestDatabase;
let db: Database;
let tenant: { id: string; deviceId: string; token: string };
let other: { id: string; deviceId: string };
const running: RunningServer[] = [];

async function start(on: Database): Promise<{ server: RunningServer; manager: Browser }> {
  const server = await startServer({ db: on });
  running.push(server);
  const manager = new Browser(server.url);
  expect((await manager.login('manager@hb.example', PW)).status).toBe(200);
  return { server, manager };
}

const beat = (server: RunningServer, body: object) =>
  fetch(`${server.url}/api/devices/heartbeat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface Row {
  id: string;
  appVersion: string | null;
  pendingEdits: number | null;
  lastSyncAt: string | null;
  reportedAt: string | null;
}
async function tablet(manager: Browser): Promise<Row> {
  const r = await manager.request('GET', '/api/manage/tablets');
  expect(r.status).toBe(200);
  return (r.body as { tablets: Row[] }).tablets.find((t) => t.id === tenant.deviceId)!;
}

const stored = async () => (await db.orm.select().from(devices).where(eq(devices.id, tenant.deviceId)))[0]!;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await testDb.open();
  const t = await createTenant(db.orm, 'hb-shop', 'HB');
  const d = await addDevice(db.orm, 'hb-shop', 'Bench tablet');
  tenant = { id: t.id, deviceId: d.device.id, token: d.token };
  const o = await createTenant(db.orm, 'hb-other', 'Other');
  other = { id: o.id, deviceId: (await addDevice(db.orm, 'hb-other', 'Other tablet')).device.id };
  await new AccountsService(db.orm).createUser(t.id, 'manager@hb.example', 'manager', PW);
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
  await testDb?.destroy();
});

describe(`stored tablet heartbeats on ${BACKEND}`, () => {
  it('survive a server restart: the new app shows the newest report without a new heartbeat (held-back ones written at shutdown)', async () => {
    const first = await start(db);
    expect((await beat(first.server, { appVersion: 'build-7', pendingEdits: 2, lastSyncAt: '2026-11-21T08:01:00+01:00' })).status).toBe(200);
    // A minute later only the last sync moved: held back in memory (not due), written at the
    // graceful shutdown below, so the restarted app shows this one and not the first.
    expect((await beat(first.server, { appVersion: 'build-7', pendingEdits: 2, lastSyncAt: '2026-11-21T08:02:00+01:00' })).status).toBe(200);
    expect((await stored()).lastSyncAt?.toISOString()).toBe('2026-11-21T07:01:00.000Z');
    const before = await tablet(first.manager);
    await first.server.close();
    running.splice(running.indexOf(first.server), 1);

    // A new app over the same database (on Postgres a new connection pool, as after a restart).
    const second = await start(await testDb.open());
    const row = await tablet(second.manager);
    expect(row).toMatchObject({ appVersion: 'build-7', pendingEdits: 2, lastSyncAt: '2026-11-21T07:02:00.000Z' });
    expect(row.reportedAt).toBe(before.reportedAt);
  });

  it('two instances over one database show the same heartbeat; trivial changes are not rewritten, meaningful ones are', async () => {
    const a = await start(await testDb.open());
    const b = await start(await testDb.open());
    expect((await beat(a.server, { appVersion: 'build-8', pendingEdits: 0, lastSyncAt: '2026-11-21T09:00:00.000Z' })).status).toBe(200);
    expect(await tablet(b.manager)).toMatchObject({ appVersion: 'build-8', pendingEdits: 0, lastSyncAt: '2026-11-21T09:00:00.000Z' });

    // A minute later only the last sync moved: instance a (which got it) shows it, the row is not
    // rewritten, so instance b still shows the stored one — for at most the write interval.
    const storedAt = (await stored()).lastHeartbeatAt;
    expect((await beat(a.server, { appVersion: 'build-8', pendingEdits: 0, lastSyncAt: '2026-11-21T09:01:00.000Z' })).status).toBe(200);
    expect((await tablet(a.manager)).lastSyncAt).toBe('2026-11-21T09:01:00.000Z');
    expect((await tablet(b.manager)).lastSyncAt).toBe('2026-11-21T09:00:00.000Z');
    expect((await stored()).lastHeartbeatAt).toEqual(storedAt);

    // Edits start waiting: written at once, seen by b.
    expect((await beat(a.server, { appVersion: 'build-8', pendingEdits: 5, lastSyncAt: '2026-11-21T09:02:00.000Z' })).status).toBe(200);
    expect(await tablet(b.manager)).toMatchObject({ pendingEdits: 5, lastSyncAt: '2026-11-21T09:02:00.000Z' });
  });

  it('writes one row per device per interval for a tablet beating every minute, never lets an older report win, and stays in its tenant', async () => {
    const store = new TabletStatusStore(db.orm);
    const t0 = Date.parse('2030-01-01T00:00:00.000Z');
    let wrote = 0;
    for (let m = 0; m < 60; m++) {
      const at = new Date(t0 + m * 60_000);
      if (await store.report(tenant.id, tenant.deviceId, { appVersion: 'build-9', pendingEdits: 1 + (m % 2), lastSyncAt: at.toISOString() }, at)) wrote++;
    }
    // 60 heartbeats in an hour, edits wobbling 1–2: one write per interval (5 minutes → 12).
    expect(wrote).toBe(60 / (HEARTBEAT_WRITE_EVERY_MS / 60_000));
    expect(wrote).toBe(12);
    expect(store.writes).toBe(12);
    expect((await stored()).lastHeartbeatAt?.toISOString()).toBe(new Date(t0 + 55 * 60_000).toISOString());

    // Another instance holding an older report (it never wrote before, so it writes): refused by the row.
    const stale = new TabletStatusStore(db.orm);
    await stale.report(tenant.id, tenant.deviceId, { appVersion: 'old', pendingEdits: 0, lastSyncAt: null }, new Date(t0));
    expect((await stored()).appVersion).toBe('build-9');

    // A report filed under another tenant never touches this tenant's device.
    await new TabletStatusStore(db.orm).report(other.id, tenant.deviceId, { appVersion: 'intruder', pendingEdits: 0, lastSyncAt: null }, new Date(t0 + 3_600_000));
    expect((await stored()).appVersion).toBe('build-9');
    const otherRow = (await db.orm.select().from(devices).where(eq(devices.id, other.deviceId)))[0]!;
    expect(otherRow.appVersion).toBeNull();
  });
});
