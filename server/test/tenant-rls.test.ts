import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenant-scope.ts';
import type { Executor } from '../src/db/executor.ts';
import { pullJson } from '../src/sync/sync.repo.ts';
import { wireOf } from '../src/sync/wire.ts';
import { create, workOrder } from './helpers/docs.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.a.api.push('work_orders', [create(workOrder('WO-A1')), create(workOrder('WO-A2'))]);
  await h.b.api.push('work_orders', [create(workOrder('WO-B1'))]);
});
afterAll(async () => h?.close());

/** Rows of a raw statement on either driver. */
async function rows<R>(db: Executor, q: ReturnType<typeof sql>): Promise<R[]> {
  const r: unknown = await db.execute(q);
  return Array.isArray(r) ? (r as R[]) : (r as { rows: R[] }).rows;
}

describe(`row-level security on ${BACKEND}`, () => {
  it('the unscoped owner sees both tenants (so the checks below can fail)', async () => {
    const all = await rows<{ id: string }>(h.db.orm, sql`select id from work_orders order by id`);
    expect(all.map((r) => r.id)).toEqual(['WO-A1', 'WO-A2', 'WO-B1']);
  });

  it('a tenant-scoped transaction runs as a role without BYPASSRLS', async () => {
    const [who] = await withTenant(h.db.orm, h.a.id, (tx) =>
      rows<{ role: string; bypass: boolean; superuser: boolean }>(
        tx,
        sql`select current_user as role, rolbypassrls as bypass, rolsuper as superuser
            from pg_roles where rolname = current_user`,
      ),
    );
    expect(who).toEqual({ role: 'printfloor_app', bypass: false, superuser: false });
  });

  it('with the tenant filter removed from a query, tenant B’s rows are still unreachable from A', async () => {
    // The "test build" of the pull with its WHERE tenant_id dropped: RLS alone must hold.
    const seen = await withTenant(h.db.orm, h.a.id, (tx) =>
      rows<{ id: string; tenant_id: string }>(tx, sql`select id, tenant_id from work_orders order by id`),
    );
    expect(seen.map((r) => r.id)).toEqual(['WO-A1', 'WO-A2']);
    // The real pull query asked for B's tenant (a filter bug) inside A's scope: nothing.
    const leaked = await withTenant(h.db.orm, h.a.id, (tx) =>
      pullJson(tx, wireOf('work_orders'), h.b.id, 0, 1000),
    );
    expect(leaked.json).toBe('[]');
    // Other tables too: devices, counters, tenants.
    const devices = await withTenant(h.db.orm, h.a.id, (tx) =>
      rows<{ id: string }>(tx, sql`select id from devices`),
    );
    expect(devices.map((d) => d.id)).toEqual([h.a.deviceId]);
    const tenants = await withTenant(h.db.orm, h.a.id, (tx) =>
      rows<{ slug: string }>(tx, sql`select slug from tenants`),
    );
    expect(tenants.map((t) => t.slug)).toEqual(['tenant-a']);
  });

  it('writes into another tenant are refused or touch nothing', async () => {
    await expect(
      withTenant(h.db.orm, h.a.id, (tx) =>
        tx.execute(sql`update sync_counters set seq = seq where tenant_id = ${h.b.id} returning tenant_id`),
      ).then((r) => (Array.isArray(r) ? r.length : (r as { rows: unknown[] }).rows.length)),
    ).resolves.toBe(0);
    const moved = await withTenant(h.db.orm, h.a.id, (tx) =>
      tx.execute(sql`update work_orders set tenant_id = ${h.b.id} where id = 'WO-A1'`),
    ).catch((e: unknown) => e);
    // drizzle wraps the driver's error: the database's words are in `cause`.
    expect(String((moved as { cause?: Error }).cause?.message)).toMatch(/row-level security/);
    const b = await rows<{ id: string }>(
      h.db.orm,
      sql`select id from work_orders where tenant_id = ${h.b.id}`,
    );
    expect(b.map((r) => r.id)).toEqual(['WO-B1']);
  });

  it('a scoped transaction without a tenant sees nothing', async () => {
    const none = await h.db.orm.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'printfloor_app', true)`);
      return rows<{ id: string }>(tx, sql`select id from work_orders`);
    });
    expect(none).toEqual([]);
  });
});
