import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevicesService } from '../src/accounts/devices.service.ts';
import { Api } from './helpers/api.ts';
import { Browser, errorCode } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { SseReader } from './helpers/sse.ts';
import { BACKEND } from './helpers/test-db.ts';

let h: Harness;
const PW = 'a long enough password';
const as: Record<string, Browser> = {};
beforeAll(async () => {
  h = await startHarness();
  for (const role of ['operator', 'lead', 'manager', 'admin'] as const) {
    await h.server.app.accounts.createUser(h.a.id, `${role}@a.example`, role, PW);
    as[role] = new Browser(h.server.url);
    expect((await as[role].login(`${role}@a.example`, PW)).status).toBe(200);
  }
  await h.server.app.accounts.createUser(h.b.id, 'manager@b.example', 'manager', PW);
  as.managerB = new Browser(h.server.url);
  await as.managerB.login('manager@b.example', PW);
});
afterAll(async () => h?.close());

const ZERO = '00000000-0000-4000-8000-000000000000';
/** Every endpoint that needs manager or higher (method, path, body). */
const MANAGER_ENDPOINTS: [string, string, unknown?][] = [
  ['POST', '/api/devices/pairing'],
  ['GET', '/api/manage/devices'],
  ['PATCH', `/api/manage/devices/${ZERO}`, { name: 'x' }],
  ['POST', `/api/manage/devices/${ZERO}/revoke`],
  ['GET', '/api/manage/audit'],
];
const ADMIN_ENDPOINTS: [string, string, unknown?][] = [
  ['GET', '/api/admin/users'],
  ['POST', '/api/admin/users', { email: 'n@a.example', role: 'operator', password: PW }],
];

describe(`roles on ${BACKEND}`, () => {
  it('an operator or a lead gets 403 on every manager and admin endpoint; nobody signed in gets 401', async () => {
    for (const role of ['operator', 'lead'] as const) {
      for (const [method, path, body] of [...MANAGER_ENDPOINTS, ...ADMIN_ENDPOINTS]) {
        const r = await as[role]!.request(method, path, body);
        expect(r.status, `${role} ${method} ${path}`).toBe(403);
        expect(errorCode(r.body), `${role} ${method} ${path}`).toBe('forbidden');
      }
    }
    for (const [method, path, body] of [...MANAGER_ENDPOINTS, ...ADMIN_ENDPOINTS]) {
      expect((await new Browser(h.server.url).request(method, path, body)).status, `${method} ${path}`).toBe(
        401,
      );
    }
    // A device token is not a session.
    const tablet = await fetch(`${h.server.url}/api/manage/devices`, {
      headers: { authorization: `Bearer ${h.a.token}` },
    });
    expect(tablet.status).toBe(401);
  });

  it('a manager gets 403 on admin endpoints; an admin creates a user', async () => {
    for (const [method, path, body] of ADMIN_ENDPOINTS) {
      expect((await as.manager!.request(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    const made = await as.admin!.request('POST', '/api/admin/users', {
      email: 'New@a.example',
      role: 'lead',
      password: PW,
    });
    expect(made.status).toBe(201);
    const users = await as.admin!.request('GET', '/api/admin/users');
    expect(JSON.stringify(users.body)).toContain('new@a.example');
    expect(JSON.stringify(users.body)).not.toContain('scrypt$');
  });
});

describe(`tablet enrolment on ${BACKEND}`, () => {
  it('a manager pairing code (10 min, single use) gives a tablet a working device token', async () => {
    const r = await as.manager!.request('POST', '/api/devices/pairing');
    expect(r.status).toBe(201);
    const { code, expiresAt } = r.body as { code: string; expiresAt: string };
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);

    const tablet = new Browser(h.server.url);
    const typed = code.toLowerCase().replace('-', ' '); // typed by hand
    const paired = await tablet.request('POST', '/api/devices/pair', { code: typed, name: 'Bench 7' });
    expect(paired.status).toBe(201);
    const { token } = paired.body as { token: string };
    const me = await new Api(h.server.url, token).request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain('tenant-a');
    expect(JSON.stringify(me.body)).toContain('Bench 7');

    const again = await tablet.request('POST', '/api/devices/pair', { code, name: 'Bench 8' });
    expect(again.status).toBe(403);
    expect(errorCode(again.body)).toBe('invalid_code');
  });

  it('an expired pairing code is refused', async () => {
    const past = new DevicesService(h.db.orm, h.db.bus, () => new Date(Date.now() - 11 * 60 * 1000));
    const { code } = await past.createPairingCode(h.a.id, null);
    const r = await new Browser(h.server.url).request('POST', '/api/devices/pair', { code, name: 'Late' });
    expect(r.status).toBe(403);
  });

  it('a manager renames and revokes only their own tenant’s devices', async () => {
    const list = await as.manager!.request('GET', '/api/manage/devices');
    expect(JSON.stringify(list.body)).toContain(h.a.deviceId);
    expect(JSON.stringify(list.body)).not.toContain(h.b.deviceId);
    expect(
      (await as.managerB!.request('PATCH', `/api/manage/devices/${h.a.deviceId}`, { name: 'pwned' })).status,
    ).toBe(404);
    expect((await as.managerB!.request('POST', `/api/manage/devices/${h.a.deviceId}/revoke`)).status).toBe(
      404,
    );
    expect((await as.manager!.request('PATCH', `/api/manage/devices/not-a-uuid`, { name: 'x' })).status).toBe(
      404,
    );
    const renamed = await as.manager!.request('PATCH', `/api/manage/devices/${h.a.deviceId}`, {
      name: 'Line 1',
    });
    expect(renamed.status).toBe(200);
    const audit = await as.manager!.request('GET', '/api/manage/audit');
    expect(JSON.stringify(audit.body)).toContain(
      '"before":{"name":"tenant-a tablet"},"after":{"name":"Line 1"}',
    );
  });

  it('revoking closes the device’s open sync stream at once and refuses its next request', async () => {
    const { token, deviceId } = h.b;
    const stream = await SseReader.open(h.server.url, token);
    expect(stream.status).toBe(200);
    await stream.next((m) => m === 'RESYNC');
    const other = await SseReader.open(h.server.url, h.a.token);
    await other.next((m) => m === 'RESYNC');

    expect((await as.managerB!.request('POST', `/api/manage/devices/${deviceId}/revoke`)).status).toBe(200);
    // Ends well before the 25 s keep-alive re-check would have closed it (the test times out at 10 s).
    await stream.ended;
    const next = await new Api(h.server.url, token).request('GET', '/api/me');
    expect(next.status).toBe(401);
    expect(JSON.stringify(next.body)).toContain('device_revoked');
    // Another device's stream stays open.
    expect(h.server.app.hub.size).toBe(1);
    await other.close();
  }, 10_000);

  it('throttles pairing-code guessing', async () => {
    const b = new Browser(h.server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await b.request('POST', '/api/devices/pair', { code: `GUESS-${i}`, name: 'x' })).status);
    expect(statuses).toContain(429);
  });
});
