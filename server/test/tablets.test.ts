import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, errorCode } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

let h: Harness;
const PW = 'a long enough password';
let manager: Browser;
let operator: Browser;
beforeAll(async () => {
  h = await startHarness();
  await h.server.app.accounts.createUser(h.a.id, 'manager@a.example', 'manager', PW);
  await h.server.app.accounts.createUser(h.a.id, 'operator@a.example', 'operator', PW);
  manager = new Browser(h.server.url);
  operator = new Browser(h.server.url);
  expect((await manager.login('manager@a.example', PW)).status).toBe(200);
  expect((await operator.login('operator@a.example', PW)).status).toBe(200);
});
afterAll(async () => h?.close());

const beat = (token: string, body: unknown) =>
  fetch(`${h.server.url}/api/devices/heartbeat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface TabletRow {
  id: string;
  name: string;
  lastSeenAt: string | null;
  appVersion: string | null;
  pendingEdits: number | null;
  lastSyncAt: string | null;
  reportedAt: string | null;
}

describe(`tablets page API on ${BACKEND}`, () => {
  it('shows each device with last seen, and after a heartbeat its app version, edits waiting and last sync', async () => {
    const before = await manager.request('GET', '/api/manage/tablets');
    expect(before.status).toBe(200);
    const row0 = (before.body as { tablets: TabletRow[] }).tablets.find((t) => t.id === h.a.deviceId)!;
    expect(row0).toMatchObject({ appVersion: null, pendingEdits: null, lastSyncAt: null });

    const r = await beat(h.a.token, { appVersion: '2026-11-21 08:00', pendingEdits: 3, lastSyncAt: '2026-11-21T08:01:00.000Z' });
    expect(r.status).toBe(200);
    const after = await manager.request('GET', '/api/manage/tablets');
    const tablets = (after.body as { tablets: TabletRow[] }).tablets;
    const row = tablets.find((t) => t.id === h.a.deviceId)!;
    expect(row).toMatchObject({ name: `${h.a.slug} tablet`, appVersion: '2026-11-21 08:00', pendingEdits: 3, lastSyncAt: '2026-11-21T08:01:00.000Z' });
    expect(row.reportedAt).not.toBeNull();
    // The heartbeat authenticated with the token, which stamps last seen.
    expect(row.lastSeenAt).not.toBeNull();
    // Another tenant's device is never listed.
    expect(tablets.some((t) => t.id === h.b.deviceId)).toBe(false);
  });

  it("keeps tenants apart: b's report does not show under a's device list and a later report replaces the earlier", async () => {
    expect((await beat(h.b.token, { appVersion: 'b', pendingEdits: 9, lastSyncAt: null })).status).toBe(200);
    expect((await beat(h.a.token, { appVersion: 'v2', pendingEdits: 0, lastSyncAt: null })).status).toBe(200);
    const rows = ((await manager.request('GET', '/api/manage/tablets')).body as { tablets: TabletRow[] }).tablets;
    expect(rows.find((t) => t.id === h.a.deviceId)).toMatchObject({ appVersion: 'v2', pendingEdits: 0, lastSyncAt: null });
  });

  it('refuses a bad report, a missing token, an operator and a device token on the manager list', async () => {
    const bad = await beat(h.a.token, { appVersion: '', pendingEdits: -1, lastSyncAt: 'yesterday' });
    expect(bad.status).toBe(422);
    expect((await beat('nope', { appVersion: 'x', pendingEdits: 0, lastSyncAt: null })).status).toBe(401);
    const op = await operator.request('GET', '/api/manage/tablets');
    expect(op.status).toBe(403);
    expect(errorCode(op.body)).toBe('forbidden');
    const tablet = await fetch(`${h.server.url}/api/manage/tablets`, { headers: { authorization: `Bearer ${h.a.token}` } });
    expect(tablet.status).toBe(401);
  });
});
