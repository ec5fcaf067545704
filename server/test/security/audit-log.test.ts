import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/tables.ts';
import { Browser } from '../helpers/browser.ts';
import { create, spoolMovement, update, workOrder } from '../helpers/docs.ts';
import { startHarness } from '../helpers/harness.ts';
import type { Harness } from '../helpers/harness.ts';
import { BACKEND } from '../helpers/test-db.ts';

/**
 * Issue 7, audit of replicated documents: a push that creates, changes or deletes a mutable
 * document writes who/what/before/after in its own transaction; the manager reads it back paged
 * and filtered through GET /api/manage/audit, under the tenant's row-level security.
 */
let h: Harness;
const PW = 'a long enough password';
let manager: Browser;
let managerB: Browser;
let operator: Browser;

interface Page {
  entries: {
    id: string;
    at: string;
    actor: string;
    action: string;
    target: string;
    before: unknown;
    after: unknown;
  }[];
  nextCursor: string | null;
}

beforeAll(async () => {
  h = await startHarness();
  await h.server.app.accounts.createUser(h.a.id, 'm@a.example', 'manager', PW);
  await h.server.app.accounts.createUser(h.a.id, 'o@a.example', 'operator', PW);
  await h.server.app.accounts.createUser(h.b.id, 'm@b.example', 'manager', PW);
  manager = new Browser(h.server.url);
  managerB = new Browser(h.server.url);
  operator = new Browser(h.server.url);
  expect((await manager.login('m@a.example', PW)).status).toBe(200);
  expect((await managerB.login('m@b.example', PW)).status).toBe(200);
  expect((await operator.login('o@a.example', PW)).status).toBe(200);
});
afterAll(async () => h?.close());

const audit = async (b: Browser, query: string): Promise<Page> => {
  const r = await b.request('GET', `/api/manage/audit?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Page;
};

describe(`audit of pushed documents on ${BACKEND}`, () => {
  it('records creation, the changed fields of an edit, and a delete, with the device and operator', async () => {
    const v1 = workOrder('11111111-aaaa', { updatedBy: 'person-7' });
    const v2 = { ...v1, qtyCompleted: 5, notes: 'half done', updatedAt: '2026-05-02T08:00:00.000Z' };
    const v3 = { ...v2, _deleted: true, updatedAt: '2026-05-03T08:00:00.000Z' };
    await h.a.api.push('work_orders', [create(v1)]);
    await h.a.api.push('work_orders', [update(v1, v2)]);
    await h.a.api.push('work_orders', [update(v2, v3)]);
    // A replay changes nothing and audits nothing; a meta-only change (updatedAt) audits nothing.
    await h.a.api.push('work_orders', [update(v2, v3)]);

    const page = await audit(manager, `target=${encodeURIComponent('work_orders/11111111-aaaa')}`);
    expect(page.entries.map((e) => e.action)).toEqual(['doc.delete', 'doc.update', 'doc.create']);
    const [del, upd, crt] = page.entries;
    expect(upd).toMatchObject({
      actor: `device:${h.a.deviceId} operator:person-7`,
      before: { qtyCompleted: 0, notes: '' },
      after: { qtyCompleted: 5, notes: 'half done' },
    });
    expect(del).toMatchObject({ before: { _deleted: false }, after: { _deleted: true } });
    expect(crt).toMatchObject({
      target: 'work_orders',
      before: null,
      after: { ids: [v1.id], codes: [v1.code] },
    });
  });

  it('a conflicting push writes no audit row; append-only collections are not audited', async () => {
    const v1 = workOrder('22222222-bbbb');
    await h.a.api.push('work_orders', [create(v1)]);
    const stale = { ...v1, title: 'someone else' };
    const conflicts = await h.a.api.push('work_orders', [update(stale, { ...v1, title: 'mine' })]);
    expect(conflicts).toHaveLength(1);
    await h.a.api.push('spool_movements', [create(spoolMovement('33333333-cccc'))]);
    const rows = await h.db.orm.select().from(auditLog).where(eq(auditLog.tenantId, h.a.id));
    expect(rows.filter((r) => r.target === 'work_orders/22222222-bbbb')).toEqual([]);
    expect(
      rows.filter((r) => r.action === 'doc.create' && JSON.stringify(r.after).includes('22222222-bbbb')),
    ).toHaveLength(1);
    expect(rows.some((r) => r.target?.startsWith('spool_movements/'))).toBe(false);
  });

  it('a batch: one creation entry with every id; one update entry per changed document', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => workOrder(`44444444-${String(i).padStart(4, '0')}`));
    await h.a.api.push('work_orders', docs.map(create));
    const edited = docs.map((d, i) => (i % 3 === 0 ? { ...d, priority: 1 } : d));
    await h.a.api.push(
      'work_orders',
      docs.map((d, i) => update(d, edited[i]!)),
    );
    const created = await audit(manager, 'target=work_orders/44444444-&action=doc.create');
    expect(created.entries).toHaveLength(1);
    expect((created.entries[0]!.after as { ids: string[] }).ids).toEqual(docs.map((d) => d.id));
    const page = await audit(manager, 'target=work_orders/44444444-&action=doc.update&limit=200');
    expect(page.entries).toHaveLength(10);
    for (const e of page.entries)
      expect(e).toMatchObject({ before: { priority: 3 }, after: { priority: 1 } });
  });

  it('pages newest first with a cursor, without repeats or gaps, and filters by action, actor and date', async () => {
    const all = await audit(manager, 'limit=200');
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const p: Page = await audit(manager, `limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.entries.map((e) => e.id));
      cursor = p.nextCursor;
    }
    expect(seen).toEqual(all.entries.map((e) => e.id));
    const ats = all.entries.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    const docs = await audit(manager, 'action=doc.&limit=200');
    expect(docs.entries.length).toBeGreaterThan(0);
    expect(docs.entries.every((e) => e.action.startsWith('doc.'))).toBe(true);
    const byDevice = await audit(manager, `actor=${h.a.deviceId}&limit=200`);
    expect(byDevice.entries.length).toBe(docs.entries.length);
    expect((await audit(manager, 'from=2999-01-01')).entries).toEqual([]);
    expect((await audit(manager, 'to=2000-01-01')).entries).toEqual([]);
    expect((await manager.request('GET', '/api/manage/audit?cursor=nonsense')).status).toBe(422);
    expect((await manager.request('GET', '/api/manage/audit?limit=100000')).status).toBe(422);
  });

  it('another tenant’s manager sees none of it; an operator is refused', async () => {
    const b = await audit(managerB, 'limit=200');
    expect(JSON.stringify(b)).not.toContain('work_orders/');
    expect((await operator.request('GET', '/api/manage/audit')).status).toBe(403);
  });
});
