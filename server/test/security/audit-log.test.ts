import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/tables.ts';
import { Browser } from '../helpers/browser.ts';
import { create, person, printer, spool, spoolMovement, update, workOrder } from '../helpers/docs.ts';
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
let managerId: string;
let managerBId: string;

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
  names: Record<string, string>;
}

beforeAll(async () => {
  h = await startHarness();
  managerId = (await h.server.app.accounts.createUser(h.a.id, 'm@a.example', 'manager', PW)).id;
  await h.server.app.accounts.createUser(h.a.id, 'o@a.example', 'operator', PW);
  managerBId = (await h.server.app.accounts.createUser(h.b.id, 'm@b.example', 'manager', PW)).id;
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

  it('names who and what each entry mentions, from its own tenant only', async () => {
    // The same document ids in tenant B, under other codes and names: none of them may show in A.
    const ana = person('person-ana');
    const x1c = printer('55555555-pppp');
    const s1 = spool('66666666-ssss');
    const wo = workOrder('77777777-wwww');
    await h.b.api.push('people', [create(person(ana.id, { displayName: 'Bea Secret', badgeCode: 'B-9' }))]);
    await h.b.api.push('printers', [create(printer(x1c.id, { code: 'B-PRINTER' }))]);
    await h.b.api.push('work_orders', [create(workOrder(wo.id, { code: 'WO-B-SECRET' }))]);
    await h.a.api.push('people', [create(ana)]);
    await h.a.api.push('printers', [create(x1c)]);
    await h.a.api.push('spools', [create(s1)]);
    await h.a.api.push('work_orders', [create(wo)]);
    const loaded = { ...s1, loadedPrinterId: x1c.id, loadedSlot: 'AMS1-1', updatedBy: ana.id };
    await h.a.api.push('spools', [update(s1, loaded)]);
    const edited = { ...wo, priority: 1, updatedBy: ana.id, updatedAt: '2026-05-02T08:00:00.000Z' };
    await h.a.api.push('work_orders', [update(wo, edited)]);
    // Entries of tenant A that mention tenant B's user and device (which A must not get names for).
    await h.server.app.accounts.audit({
      tenantId: h.a.id,
      actor: `user:${managerBId}`,
      action: 'device.renamed',
      target: `device:${h.b.deviceId}`,
    });
    await h.server.app.accounts.audit({
      tenantId: h.a.id,
      actor: `user:${managerId}`,
      action: 'device.renamed',
      target: `device:${h.a.deviceId}`,
    });

    const page = await audit(manager, 'limit=200');
    const device = `device:${h.a.deviceId}`;
    const spoolEdit = page.entries.find((e) => e.target === `spools/${s1.id}`)!;
    expect(spoolEdit.actor).toBe(`${device} operator:${ana.id}`);
    expect(spoolEdit.after).toMatchObject({ loadedPrinterId: x1c.id });
    expect(page.names).toMatchObject({
      [device]: 'tenant-a tablet',
      [`operator:${ana.id}`]: 'Ana Kovač (EMP-1001)',
      [`user:${managerId}`]: 'm@a.example',
      [`spools/${s1.id}`]: s1.code,
      [`printers/${x1c.id}`]: x1c.code,
      [`work_orders/${wo.id}`]: wo.code,
    });
    // A deleted document (the first test's work order) is still named by its code.
    expect(page.names['work_orders/11111111-aaaa']).toBe(workOrder('11111111-aaaa').code);

    const text = JSON.stringify(page);
    for (const secret of ['m@b.example', 'tenant-b tablet', 'Bea Secret', 'B-PRINTER', 'WO-B-SECRET']) {
      expect(text).not.toContain(secret);
    }
    expect(page.names[`user:${managerBId}`]).toBeUndefined();
    expect(page.names[`device:${h.b.deviceId}`]).toBeUndefined();
    // Tenant B's manager gets B's own names, none of A's.
    const b = await audit(managerB, 'limit=200');
    expect(b.names[`device:${h.b.deviceId}`]).toBe('tenant-b tablet');
    expect(JSON.stringify(b)).not.toContain('Ana Kovač');
    expect(JSON.stringify(b)).not.toContain('m@a.example');
  });

  it('a filtered page names only its own entries', async () => {
    const page = await audit(
      manager,
      `action=doc.update&target=${encodeURIComponent('work_orders/77777777-')}`,
    );
    expect(page.entries).toHaveLength(1);
    expect(Object.keys(page.names).sort()).toEqual(
      [`device:${h.a.deviceId}`, 'operator:person-ana', 'work_orders/77777777-wwww'].sort(),
    );
  });

  it('another tenant’s manager sees none of it; an operator is refused', async () => {
    const b = await audit(managerB, 'limit=200');
    expect(JSON.stringify(b)).not.toContain('work_orders/');
    expect((await operator.request('GET', '/api/manage/audit')).status).toBe(403);
  });
});
