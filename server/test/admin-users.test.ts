import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/accounts/accounts.repo.ts';
import { Browser, errorCode } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

/** Issue 7: an admin changes roles, disables/enables and resets passwords of the tenant's users. */
let h: Harness;
const PW = 'a long enough password';
const NEW_PW = 'another long password';
const as: Record<string, Browser> = {};
const ids: Record<string, string> = {};

async function signIn(email: string, password = PW): Promise<Browser> {
  const b = new Browser(h.server.url);
  const r = await b.login(email, password);
  expect(r.status, `sign-in of ${email}`).toBe(200);
  return b;
}

beforeAll(async () => {
  h = await startHarness();
  for (const role of ['operator', 'lead', 'manager', 'admin'] as const) {
    ids[role] = (await h.server.app.accounts.createUser(h.a.id, `${role}@a.example`, role, PW)).id;
    as[role] = await signIn(`${role}@a.example`);
  }
  ids.adminB = (await h.server.app.accounts.createUser(h.b.id, 'admin@b.example', 'admin', PW)).id;
});
afterAll(async () => h?.close());

const ZERO = '00000000-0000-4000-8000-000000000000';

async function auditOf(target: string) {
  const rows = await listAudit(h.db.orm, h.a.id, 1000);
  return rows.filter((r) => r.target === `user:${target}`);
}

describe(`admin user management on ${BACKEND}`, () => {
  it('operator, lead and manager get 403 on the new admin endpoints', async () => {
    for (const role of ['operator', 'lead', 'manager'] as const) {
      const patch = await as[role]!.request('PATCH', `/api/admin/users/${ids.operator}`, { role: 'admin' });
      expect(patch.status, role).toBe(403);
      expect(errorCode(patch.body)).toBe('forbidden');
      const pw = await as[role]!.request('POST', `/api/admin/users/${ids.operator}/password`, {
        password: NEW_PW,
      });
      expect(pw.status, role).toBe(403);
    }
    const fresh = await h.server.app.accounts.findUser(ids.operator!);
    expect(fresh?.role).toBe('operator');
  });

  it('an admin changes a role: audited before/after, the user’s old session ends, the new role applies', async () => {
    const lead = await signIn('lead@a.example');
    const r = await as.admin!.request('PATCH', `/api/admin/users/${ids.lead}`, { role: 'manager' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: { id: ids.lead, role: 'manager', disabled: false } });
    expect((await lead.request('GET', '/api/manage/devices')).status).toBe(401);
    const again = await signIn('lead@a.example');
    expect((await again.request('GET', '/api/manage/devices')).status).toBe(200);

    const rows = await auditOf(ids.lead!);
    const entry = rows.find((x) => x.action === 'user.updated');
    expect(entry).toMatchObject({
      actor: `user:${ids.admin}`,
      before: { role: 'lead', disabled: false },
      after: { role: 'manager', disabled: false },
    });
  });

  it('a disabled user cannot sign in and their sessions are refused; enabling lets them back in', async () => {
    const session = await signIn('operator@a.example');
    expect((await session.request('GET', '/api/auth/session')).status).not.toBe(401);
    const off = await as.admin!.request('PATCH', `/api/admin/users/${ids.operator}`, { disabled: true });
    expect(off.status).toBe(200);
    expect((await session.request('GET', '/api/auth/session')).status).toBe(401);
    expect((await new Browser(h.server.url).login('operator@a.example', PW)).status).toBe(401);
    const listed = await as.admin!.request('GET', '/api/admin/users');
    const op = (listed.body as { users: { id: string; disabledAt: string | null }[] }).users.find(
      (u) => u.id === ids.operator,
    );
    expect(op?.disabledAt).not.toBeNull();

    expect(
      (await as.admin!.request('PATCH', `/api/admin/users/${ids.operator}`, { disabled: false })).status,
    ).toBe(200);
    await signIn('operator@a.example');
    const actions = (await auditOf(ids.operator!)).filter((x) => x.action === 'user.updated');
    expect(actions.map((x) => [x.before, x.after])).toEqual([
      [
        { role: 'operator', disabled: false },
        { role: 'operator', disabled: true },
      ],
      [
        { role: 'operator', disabled: true },
        { role: 'operator', disabled: false },
      ],
    ]);
  });

  it('an admin resets a password: the old one stops working, sessions end, audited without the secret', async () => {
    const session = await signIn('manager@a.example');
    const r = await as.admin!.request('POST', `/api/admin/users/${ids.manager}/password`, {
      password: NEW_PW,
    });
    expect(r.status).toBe(200);
    expect((await session.request('GET', '/api/manage/devices')).status).toBe(401);
    expect((await new Browser(h.server.url).login('manager@a.example', PW)).status).toBe(401);
    as.manager = await signIn('manager@a.example', NEW_PW);
    const entry = (await auditOf(ids.manager!)).find((x) => x.action === 'user.password_reset');
    expect(entry?.actor).toBe(`user:${ids.admin}`);
    expect(JSON.stringify(entry)).not.toContain(NEW_PW);

    const short = await as.admin!.request('POST', `/api/admin/users/${ids.manager}/password`, {
      password: 'x',
    });
    expect(short.status).toBe(422);
  });

  it('the last enabled admin can be neither demoted nor disabled (409); with a second admin they can', async () => {
    const demote = await as.admin!.request('PATCH', `/api/admin/users/${ids.admin}`, { role: 'manager' });
    expect(demote.status).toBe(409);
    expect(errorCode(demote.body)).toBe('last_admin');
    const disable = await as.admin!.request('PATCH', `/api/admin/users/${ids.admin}`, { disabled: true });
    expect(disable.status).toBe(409);
    expect((await h.server.app.accounts.findUser(ids.admin!))?.role).toBe('admin');
    // A disabled admin does not count as the second admin.
    const made = await as.admin!.request('POST', '/api/admin/users', {
      email: 'second@a.example',
      role: 'admin',
      password: PW,
    });
    const second = (made.body as { user: { id: string } }).user.id;
    await as.admin!.request('PATCH', `/api/admin/users/${second}`, { disabled: true });
    expect((await as.admin!.request('PATCH', `/api/admin/users/${ids.admin}`, { role: 'lead' })).status).toBe(
      409,
    );
    // Enabled, the second admin lets the first step down (which ends the first one's session).
    await as.admin!.request('PATCH', `/api/admin/users/${second}`, { disabled: false });
    const stepDown = await as.admin!.request('PATCH', `/api/admin/users/${ids.admin}`, { role: 'lead' });
    expect(stepDown.status).toBe(200);
    const secondAdmin = await signIn('second@a.example');
    expect((await secondAdmin.request('PATCH', `/api/admin/users/${second}`, { role: 'lead' })).status).toBe(
      409,
    );
    expect(
      (await secondAdmin.request('PATCH', `/api/admin/users/${ids.admin}`, { role: 'admin' })).status,
    ).toBe(200);
  });

  it('another tenant’s user or an unknown id is 404; an empty change is 422', async () => {
    const admin = await signIn('admin@a.example');
    for (const id of [ids.adminB, ZERO, 'not-a-uuid']) {
      expect((await admin.request('PATCH', `/api/admin/users/${id}`, { disabled: true })).status, id).toBe(
        404,
      );
      expect(
        (await admin.request('POST', `/api/admin/users/${id}/password`, { password: NEW_PW })).status,
      ).toBe(404);
    }
    expect((await h.server.app.accounts.findUser(ids.adminB!))?.disabledAt).toBeNull();
    expect((await admin.request('PATCH', `/api/admin/users/${ids.lead}`, {})).status).toBe(422);
    expect((await admin.request('PATCH', `/api/admin/users/${ids.lead}`, { role: 'owner' })).status).toBe(
      422,
    );
  });
});
