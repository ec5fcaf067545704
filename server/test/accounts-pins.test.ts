import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice } from '../src/admin/admin.service.ts';
import { PIN_LOCKOUT_MS, PinsService } from '../src/accounts/pins.service.ts';
import { auditLog } from '../src/db/tables.ts';
import { Api, asError } from './helpers/api.ts';
import { Browser, errorCode } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

/** Issue 7 part A: operator PINs held and checked by the server, lockout across tablets, audit. */

let h: Harness;
const PW = 'a long enough password';
const person = (id: string, displayName: string) => ({
  id,
  updatedAt: '2026-05-01T08:00:00.000Z',
  updatedBy: 'tablet-1',
  serverUpdatedAt: null,
  displayName,
  badgeCode: `B-${id}`,
  role: 'operator',
  active: true,
  _deleted: false,
});

/** A second tablet of tenant A. */
async function tablet(name: string): Promise<Api> {
  const { token } = await addDevice(h.db.orm, 'tenant-a', name);
  return new Api(h.server.url, token);
}

const verify = (api: Api, personId: string, pin: string) =>
  api.request('POST', '/api/pins/verify', JSON.stringify({ personId, pin }), {
    'content-type': 'application/json',
  });
const setPin = (api: Api, personId: string, pin: string, currentPin?: string) =>
  api.request(
    'PUT',
    `/api/pins/${personId}`,
    JSON.stringify({ pin, ...(currentPin ? { currentPin } : {}) }),
    {
      'content-type': 'application/json',
    },
  );

async function auditActions(personId: string): Promise<string[]> {
  const rows = await h.db.orm
    .select({ action: auditLog.action, at: auditLog.at })
    .from(auditLog)
    .where(eq(auditLog.target, `person:${personId}`))
    .orderBy(auditLog.at);
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  h = await startHarness();
  await h.a.api.push(
    'people',
    ['ann', 'bob', 'cid', 'dee'].map((id) => ({
      assumedMasterState: null,
      newDocumentState: person(id, id.toUpperCase()),
    })),
  );
  await h.b.api.push('people', [{ assumedMasterState: null, newDocumentState: person('zed', 'ZED') }]);
});
afterAll(async () => h?.close());

describe(`operator PINs on ${BACKEND}`, () => {
  it('sets a PIN from a tablet and checks it on another tablet; a wrong one is refused with 403', async () => {
    expect((await setPin(h.a.api, 'ann', '4711')).status).toBe(200);
    const other = await tablet('bench 2');
    expect((await verify(other, 'ann', '4711')).status).toBe(200);
    const wrong = await verify(other, 'ann', '1234');
    expect(wrong.status).toBe(403);
    expect(asError(wrong.body).code).toBe('wrong_pin');
    expect(asError(wrong.body).details).toEqual({ attemptsLeft: 4 });
    // Unknown person, and a person of another tenant, have no PIN here.
    expect(asError((await verify(other, 'nobody', '4711')).body).code).toBe('no_pin');
    expect((await setPin(h.a.api, 'zed', '4711')).status).toBe(404);
    // The list of people with a PIN (the tablet's keypad) is per tenant.
    expect((await h.a.api.request('GET', '/api/pins')).body).toEqual({ people: ['ann'] });
    expect((await h.b.api.request('GET', '/api/pins')).body).toEqual({ people: [] });
    expect((await new Api(h.server.url, 'pfd_nope').request('GET', '/api/pins')).status).toBe(401);
  });

  it('locks a person on every tablet after 5 wrong PINs, even with the right one', async () => {
    await setPin(h.a.api, 'bob', '2580');
    const t1 = await tablet('lock 1');
    const t2 = await tablet('lock 2');
    for (let i = 0; i < 4; i++) {
      const r = await verify(i % 2 ? t1 : t2, 'bob', '0000');
      expect(asError(r.body).details).toEqual({ attemptsLeft: 4 - i });
    }
    const fifth = await verify(t1, 'bob', '0000');
    expect(fifth.status).toBe(403);
    expect(asError(fifth.body).code).toBe('pin_locked');
    const right = await verify(t2, 'bob', '2580');
    expect(right.status).toBe(403);
    expect(asError(right.body).code).toBe('pin_locked');
    // Changing the PIN is no way around the lock.
    expect(asError((await setPin(t2, 'bob', '9999', '2580')).body).code).toBe('pin_locked');
    // Others are not affected.
    expect((await verify(t2, 'ann', '4711')).status).toBe(200);
  });

  it('audits successes, failures and attempts while locked', async () => {
    const bob = await auditActions('bob');
    expect(bob[0]).toBe('pin.set');
    expect(bob.filter((a) => a === 'pin.failure')).toHaveLength(5);
    expect(bob.filter((a) => a === 'pin.locked').length).toBeGreaterThanOrEqual(2);
    expect(bob).not.toContain('pin.success');
    expect(await auditActions('ann')).toContain('pin.success');
    const [row] = await h.db.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, 'person:bob'), eq(auditLog.action, 'pin.failure')))
      .limit(1);
    expect(row?.tenantId).toBe(h.a.id);
    expect(row?.actor).toMatch(/^device:/);
  });

  it('throttles PIN attempts per tablet with 429 and Retry-After', async () => {
    const t = await tablet('flood');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const r = await verify(t, 'cid', '1111');
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('changing a PIN needs the current one; a manager resets a forgotten one', async () => {
    await setPin(h.a.api, 'dee', '1357');
    const t = await tablet('change');
    expect(asError((await setPin(t, 'dee', '2468')).body).code).toBe('current_pin_required');
    expect(asError((await setPin(t, 'dee', '2468', '9999')).body).code).toBe('wrong_pin');
    expect((await setPin(t, 'dee', '2468', '1357')).status).toBe(200);
    expect((await verify(t, 'dee', '2468')).status).toBe(200);

    await h.server.app.accounts.createUser(h.a.id, 'pinboss@a.example', 'manager', PW);
    await h.server.app.accounts.createUser(h.a.id, 'pinop@a.example', 'operator', PW);
    const manager = new Browser(h.server.url);
    await manager.login('pinboss@a.example', PW);
    const operator = new Browser(h.server.url);
    await operator.login('pinop@a.example', PW);
    expect(errorCode((await operator.request('DELETE', '/api/manage/pins/bob')).body)).toBe('forbidden');
    expect((await manager.request('DELETE', '/api/manage/pins/bob')).status).toBe(200);
    expect(asError((await verify(t, 'bob', '2580')).body).code).toBe('no_pin');
    expect((await setPin(t, 'bob', '8642')).status).toBe(200);
    expect((await verify(t, 'bob', '8642')).status).toBe(200);
    expect(await auditActions('bob')).toContain('pin.reset');
  });
});

describe(`PIN lockout over time on ${BACKEND}`, () => {
  it('ends after the lockout, and each further round of 5 failures locks twice as long', async () => {
    const clock = { t: Date.parse('2026-06-01T08:00:00Z') };
    const pins = new PinsService(h.db.orm, () => new Date(clock.t));
    const who = { actor: 'device:test', ip: null };
    await h.a.api.push('people', [{ assumedMasterState: null, newDocumentState: person('eve', 'EVE') }]);
    expect((await pins.set(h.a.id, 'eve', '1212', undefined, who)).ok).toBe(true);
    const fail5 = async () => {
      let last;
      for (let i = 0; i < 5; i++) last = await pins.verify(h.a.id, 'eve', '0000', who);
      return last;
    };
    const first = await fail5();
    expect(first).toEqual({ ok: false, reason: 'locked', lockedUntil: new Date(clock.t + PIN_LOCKOUT_MS) });
    clock.t += PIN_LOCKOUT_MS - 1000;
    expect((await pins.verify(h.a.id, 'eve', '1212', who)).ok).toBe(false);
    clock.t += 2000;
    const second = await fail5();
    expect(second).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil: new Date(clock.t + 2 * PIN_LOCKOUT_MS),
    });
    clock.t += 2 * PIN_LOCKOUT_MS + 1000;
    expect(await pins.verify(h.a.id, 'eve', '1212', who)).toEqual({ ok: true });
    // A right PIN clears the count: the next wrong one leaves 4 tries.
    expect(await pins.verify(h.a.id, 'eve', '0000', who)).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: 4,
    });
  });
});

describe(`settings and manager browsers on ${BACKEND}`, () => {
  it('a manager sets the idle sign-out time; tablets read it from /api/me; an operator may not', async () => {
    const before = (await h.a.api.request('GET', '/api/me')).body as {
      settings: { operatorIdleMinutes: number };
    };
    expect(before.settings.operatorIdleMinutes).toBe(30);
    await h.server.app.accounts.createUser(h.a.id, 'setboss@a.example', 'manager', PW);
    const manager = new Browser(h.server.url);
    await manager.login('setboss@a.example', PW);
    expect((await manager.request('PUT', '/api/manage/settings', { operatorIdleMinutes: 0 })).status).toBe(
      422,
    );
    expect((await manager.request('PUT', '/api/manage/settings', { operatorIdleMinutes: 12 })).status).toBe(
      200,
    );
    const after = (await h.a.api.request('GET', '/api/me')).body as {
      settings: { operatorIdleMinutes: number };
    };
    expect(after.settings.operatorIdleMinutes).toBe(12);
    // Per tenant.
    const b = (await h.b.api.request('GET', '/api/me')).body as { settings: { operatorIdleMinutes: number } };
    expect(b.settings.operatorIdleMinutes).toBe(30);
    const [audit] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'settings.changed'));
    expect(audit?.before).toEqual({ operatorIdleMinutes: 30 });
    expect(audit?.after).toEqual({ operatorIdleMinutes: 12 });
    const op = new Browser(h.server.url);
    await h.server.app.accounts.createUser(h.a.id, 'setop@a.example', 'operator', PW);
    await op.login('setop@a.example', PW);
    expect((await op.request('PUT', '/api/manage/settings', { operatorIdleMinutes: 99 })).status).toBe(403);
  });

  it("a manager browser's sync token works while its session lives and is refused once signed out", async () => {
    await h.server.app.accounts.createUser(h.a.id, 'lead@a.example', 'lead', PW);
    await h.server.app.accounts.createUser(h.a.id, 'opb@a.example', 'operator', PW);
    const op = new Browser(h.server.url);
    await op.login('opb@a.example', PW);
    expect((await op.request('POST', '/api/auth/browser-device')).status).toBe(403);

    const lead = new Browser(h.server.url);
    await lead.login('lead@a.example', PW);
    // Without the CSRF header the write is refused.
    expect(
      (await lead.request('POST', '/api/auth/browser-device', undefined, { 'x-printfloor-csrf': '' })).status,
    ).toBe(403);
    const issued = await lead.request('POST', '/api/auth/browser-device');
    expect(issued.status).toBe(201);
    const { token } = issued.body as { token: string };
    const api = new Api(h.server.url, token);
    const { documents: people } = await api.pullAll<{ id: string }>('people');
    expect(people.map((p) => p.id).sort()).toEqual(['ann', 'bob', 'cid', 'dee', 'eve']);
    expect((await lead.request('POST', '/api/auth/logout')).status).toBe(200);
    const refused = await api.request('GET', '/api/sync/people/pull?seq=0&limit=10');
    expect(refused.status).toBe(401);
    expect(asError(refused.body).code).toBe('device_revoked');
  });
});
