import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '@printfloor/shared';
import { Browser } from './helpers/browser.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';
import { create, workOrder } from './helpers/docs.ts';

let h: Harness;
let operatorCookie: string;
let managerCookie: string;
beforeAll(async () => {
  h = await startHarness();
  await h.server.app.accounts.createUser(h.a.id, 'op@a.example', 'operator', 'operator password');
  await h.server.app.accounts.createUser(h.a.id, 'mgr@a.example', 'manager', 'manager password');
  const op = new Browser(h.server.url);
  await op.login('op@a.example', 'operator password');
  operatorCookie = op.cookie!;
  const mgr = new Browser(h.server.url);
  await mgr.login('mgr@a.example', 'manager password');
  managerCookie = mgr.cookie!;
  await h.a.api.push('work_orders', [create(workOrder('WO-1'))]);
});
afterAll(async () => h?.close());

/**
 * Everything a request could have changed, as one string: every table but the audit log (which
 * records failed attempts by design) and the devices' last-seen time (a read's bookkeeping).
 */
async function fingerprint(): Promise<string> {
  const r: unknown = await h.db.orm.execute(sql`select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('audit_log', 'devices')
    order by table_name`);
  const names = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { table_name: string }[];
  const parts: string[] = [];
  for (const { table_name } of names) {
    const q: unknown = await h.db.orm.execute(
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${table_name}" t`,
      ),
    );
    parts.push(`${table_name}:${JSON.stringify(Array.isArray(q) ? q : (q as { rows: unknown[] }).rows)}`);
  }
  const d: unknown = await h.db.orm.execute(
    sql`select md5(coalesce(string_agg(id::text || name || token_hash || coalesce(revoked_at::text, ''), '|' order by id), '')) as h from devices`,
  );
  parts.push(JSON.stringify(d));
  return parts.join('\n');
}

const UUID = '0e3b5f1c-7d2a-4b6e-9f10-2a3b4c5d6e7f';
const segment = fc.oneof(
  fc.constantFrom(
    ...COLLECTION_NAMES,
    'pull',
    'push',
    'stream',
    UUID,
    'revoke',
    '..',
    '%00',
    '%2e%2e',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const knownPath = fc.constantFrom(
  '/api/health',
  '/api/me',
  '/api/auth/login',
  '/api/auth/logout',
  '/api/auth/session',
  '/api/setup',
  '/api/devices/pairing',
  '/api/devices/pair',
  '/api/manage/devices',
  `/api/manage/devices/${UUID}`,
  `/api/manage/devices/${UUID}/revoke`,
  '/api/manage/audit',
  '/api/admin/users',
  '/api/sync/work_orders/pull',
  '/api/sync/work_orders/push',
  '/api/sync/nope/push',
  '/api/sync/stream',
  '/setup/ca',
  '/',
);
const path = fc.oneof(
  knownPath,
  fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/api/${s.join('/')}`),
  fc
    .tuple(knownPath, fc.string({ maxLength: 20 }))
    .map(([p, q]) => `${p}?${encodeURIComponent(q)}=${encodeURIComponent(q)}&seq=-1&limit=1e9`),
);
const ascii = fc.string({
  maxLength: 60,
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)),
});
const headers = fc.record(
  {
    authorization: fc.oneof(
      ascii,
      fc.constant(() => `Bearer ${h.a.token}`),
      fc.constant('Bearer pfd_nope'),
    ),
    cookie: fc.oneof(
      ascii,
      fc.constant(() => operatorCookie),
      fc.constant(() => managerCookie),
    ),
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ),
    origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'),
    'x-printfloor-csrf': ascii,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json().map((j) => j),
  fc.string({ maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify({ email: 'mgr@a.example', password: v, code: v, name: v })),
  fc.constant('[]'),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND');

describe(`hardening on ${BACKEND}`, () => {
  it('sends the CSP and friends, no CORS headers, and bounds bodies', async () => {
    const res = await fetch(`${h.server.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const d of [
      "default-src 'self'",
      "script-src 'self'",
      "worker-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data: blob:",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(d);
    }
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${h.server.url}/api/sync/work_orders/push`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const big = await fetch(`${h.server.url}/api/auth/login`, { method: 'POST', body: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
  });

  it('fuzz: random methods, paths, headers and bodies → no 5xx, the error envelope, and no write', async () => {
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(method, path, headers, body, async (m, p, hd, b) => {
        const hs: Record<string, string> = {};
        for (const [k, v] of Object.entries(hd)) hs[k] = typeof v === 'function' ? v() : v;
        const res = await fetch(`${h.server.url}${p}`, {
          method: m,
          headers: hs,
          body: m === 'GET' || m === 'HEAD' ? undefined : b,
        });
        const type = res.headers.get('content-type') ?? '';
        const text = type.includes('event-stream') ? (await res.body?.cancel(), '') : await res.text();
        expect(res.status, `${m} ${p} → ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(text).not.toMatch(/\n\s+at /); // no stack trace
        if (p.startsWith('/api/') && res.status >= 400 && m !== 'HEAD') {
          const env = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof env.error?.code, text).toBe('string');
          expect(typeof env.error?.message, text).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
    expect(await fingerprint()).toBe(before);
  });
});
