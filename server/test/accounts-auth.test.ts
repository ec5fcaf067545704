import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, oneTimeCodes, sessions } from '../src/db/tables.ts';
import { Browser, errorCode } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

let h: Harness;
const PASSWORD = 'a long enough password';
beforeAll(async () => {
  h = await startHarness();
  const acc = h.server.app.accounts;
  await acc.createUser(h.a.id, 'Mia@Shop.example', 'manager', PASSWORD);
  await acc.createUser(h.a.id, 'op@shop.example', 'operator', PASSWORD);
  await acc.createUser(h.a.id, 'brute@shop.example', 'operator', PASSWORD);
});
afterAll(async () => h?.close());

describe(`sign-in sessions on ${BACKEND}`, () => {
  it('signs in with the right password only, into an httpOnly SameSite=Lax cookie', async () => {
    const b = new Browser(h.server.url);
    const wrong = await b.login('mia@shop.example', 'not the password');
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong.body)).toBe('invalid_credentials');
    const unknown = await b.login('nobody@shop.example', PASSWORD);
    expect(unknown.status).toBe(401);
    expect(errorCode(unknown.body)).toBe('invalid_credentials');

    const ok = await b.login(' MIA@shop.example ', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { email: 'mia@shop.example', role: 'manager' } });
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('pf_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; https requests get Secure
    const s = await b.request('GET', '/api/auth/session');
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ user: { role: 'manager' }, tenant: { slug: 'tenant-a' } });

    // Only the token's hash is stored.
    const rows = await h.db.orm.select().from(sessions);
    const token = b.cookie!.slice('pf_session='.length);
    expect(rows.some((r) => r.id === token)).toBe(false);
  });

  it('refuses a cookie-authenticated write without the CSRF header or from another origin', async () => {
    const b = new Browser(h.server.url);
    await b.login('mia@shop.example', PASSWORD);
    const noCsrf = await b.request('POST', '/api/auth/logout', undefined, { 'x-printfloor-csrf': '' });
    expect(noCsrf.status).toBe(403);
    expect(errorCode(noCsrf.body)).toBe('csrf_failed');
    const wrongCsrf = await b.request('POST', '/api/auth/logout', undefined, {
      'x-printfloor-csrf': 'guess',
    });
    expect(errorCode(wrongCsrf.body)).toBe('csrf_failed');
    const crossSite = await b.request('POST', '/api/auth/logout', undefined, {
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(errorCode(crossSite.body)).toBe('cross_origin');
    expect((await b.request('GET', '/api/auth/session')).status).toBe(200); // still signed in
  });

  it('logout revokes the session server-side: the old cookie no longer works', async () => {
    const b = new Browser(h.server.url);
    await b.login('mia@shop.example', PASSWORD);
    const stolen = b.cookie;
    const out = await b.request('POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    b.cookie = stolen;
    const after = await b.request('GET', '/api/auth/session');
    expect(after.status).toBe(401);
  });

  it('a password reset ends every open session of the user', async () => {
    const b = new Browser(h.server.url);
    await b.login('op@shop.example', PASSWORD);
    await h.server.app.accounts.resetPassword(h.a.id, 'op@shop.example', 'another good password');
    expect((await b.request('GET', '/api/auth/session')).status).toBe(401);
    expect((await b.login('op@shop.example', PASSWORD)).status).toBe(401);
    expect((await b.login('op@shop.example', 'another good password')).status).toBe(200);
  });

  it('throttles guessing: after 5 failures even the right password gets 429 with Retry-After', async () => {
    const b = new Browser(h.server.url);
    for (let i = 0; i < 5; i++) expect((await b.login('brute@shop.example', `guess ${i}`)).status).toBe(401);
    const blocked = await b.login('brute@shop.example', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(errorCode(blocked.body)).toBe('too_many_requests');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same place is not locked out by it.
    expect((await new Browser(h.server.url).login('mia@shop.example', PASSWORD)).status).toBe(200);
  });

  it('writes sign-ins and failures to the audit log', async () => {
    const rows = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'login.failure'));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const ok = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'login.success'));
    expect(ok.length).toBeGreaterThan(0);
    expect(ok[0]!.tenantId).toBe(h.a.id);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});

describe(`first-run setup on ${BACKEND}`, () => {
  it('a setup code creates the first admin once; a used or wrong code is refused', async () => {
    const code = await h.server.app.accounts.createSetupCode(h.b.id);
    const stored = await h.db.orm.select().from(oneTimeCodes);
    expect(stored.some((r) => r.codeHash === code)).toBe(false); // hashed

    const b = new Browser(h.server.url);
    const bad = await b.request('POST', '/api/setup', {
      code: 'nope',
      email: 'boss@b.example',
      password: PASSWORD,
    });
    expect(bad.status).toBe(403);
    const short = await b.request('POST', '/api/setup', { code, email: 'boss@b.example', password: 'short' });
    expect(short.status).toBe(422);
    const ok = await b.request('POST', '/api/setup', { code, email: 'boss@b.example', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { role: 'admin' } });
    const s = await b.request('GET', '/api/auth/session');
    expect(s.body).toMatchObject({ tenant: { slug: 'tenant-b' }, user: { email: 'boss@b.example' } });
    const again = await new Browser(h.server.url).request('POST', '/api/setup', {
      code,
      email: 'evil@b.example',
      password: PASSWORD,
    });
    expect(again.status).toBe(403);
    expect(errorCode(again.body)).toBe('invalid_code');
  });
});

describe('the first-run page', () => {
  it('serves /setup with its script as a file (the CSP allows no inline script)', async () => {
    const page = await fetch(`${h.server.url}/setup`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Create the first admin');
    expect(html).toMatch(/<script type="module" src="\/setup\/first-run.js"><\/script>/);
    expect(html.match(/<script/g)).toHaveLength(1);
    const js = await fetch(`${h.server.url}/setup/first-run.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain("fetch('/api/setup'");
  });
});
