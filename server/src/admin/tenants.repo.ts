import { randomUUID } from 'node:crypto';
import { eq, isNull, and } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';
import { devices, syncCounters, tenants } from '../db/schema/server.ts';

export interface TenantRow {
  id: string;
  slug: string;
  name: string;
}

export interface DeviceRow {
  id: string;
  tenantId: string;
  name: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

/** A tenant and its sync counter, created together (a push needs the counter row to exist). */
export async function insertTenant(db: Executor, slug: string, name: string): Promise<TenantRow> {
  const row = { id: randomUUID(), slug, name };
  await db.transaction(async (tx) => {
    await tx.insert(tenants).values(row);
    await tx.insert(syncCounters).values({ tenantId: row.id, seq: 0 });
  });
  return row;
}

export async function findTenantBySlug(db: Executor, slug: string): Promise<TenantRow | undefined> {
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.slug, slug));
  return rows[0];
}

export async function listTenants(db: Executor): Promise<TenantRow[]> {
  return db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .orderBy(tenants.slug);
}

export async function insertDevice(
  db: Executor,
  tenantId: string,
  name: string,
  tokenHash: string,
): Promise<DeviceRow> {
  const rows = await db.insert(devices).values({ id: randomUUID(), tenantId, name, tokenHash }).returning();
  return toDevice(rows[0]!);
}

export async function listDevices(db: Executor, tenantId: string): Promise<DeviceRow[]> {
  const rows = await db
    .select()
    .from(devices)
    .where(eq(devices.tenantId, tenantId))
    .orderBy(devices.createdAt);
  return rows.map(toDevice);
}

/** Marks a device revoked (its token stops working at once). Returns its tenant, or undefined when there is no such active device. */
export async function revokeDevice(
  db: Executor,
  tenantId: string | undefined,
  deviceId: string,
): Promise<string | undefined> {
  const rows = await db
    .update(devices)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(devices.id, deviceId),
        tenantId === undefined ? undefined : eq(devices.tenantId, tenantId),
        isNull(devices.revokedAt),
      ),
    )
    .returning({ tenantId: devices.tenantId });
  return rows[0]?.tenantId;
}

/** Renames a device of this tenant; returns its previous name, or undefined when there is no such device. */
export async function renameDevice(
  db: Executor,
  tenantId: string,
  deviceId: string,
  name: string,
): Promise<{ before: string } | undefined> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ name: devices.name })
      .from(devices)
      .where(and(eq(devices.id, deviceId), eq(devices.tenantId, tenantId)))
      .for('update');
    const before = rows[0]?.name;
    if (before === undefined) return undefined;
    await tx.update(devices).set({ name }).where(eq(devices.id, deviceId));
    return { before };
  });
}

export interface DeviceWithTenant {
  device: { id: string; name: string; revokedAt: Date | null; lastSeenAt: Date | null };
  tenant: TenantRow;
}

export async function findDeviceByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<DeviceWithTenant | undefined> {
  const rows = await db
    .select({
      id: devices.id,
      name: devices.name,
      revokedAt: devices.revokedAt,
      lastSeenAt: devices.lastSeenAt,
      tenantId: tenants.id,
      slug: tenants.slug,
      tenantName: tenants.name,
    })
    .from(devices)
    .innerJoin(tenants, eq(tenants.id, devices.tenantId))
    .where(eq(devices.tokenHash, tokenHash));
  const r = rows[0];
  if (!r) return undefined;
  return {
    device: { id: r.id, name: r.name, revokedAt: r.revokedAt, lastSeenAt: r.lastSeenAt },
    tenant: { id: r.tenantId, slug: r.slug, name: r.tenantName },
  };
}

export async function findDevice(
  db: Executor,
  deviceId: string,
): Promise<{ revokedAt: Date | null } | undefined> {
  const rows = await db
    .select({ revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.id, deviceId));
  return rows[0];
}

export async function touchDevice(db: Executor, deviceId: string, at: Date): Promise<void> {
  await db.update(devices).set({ lastSeenAt: at }).where(eq(devices.id, deviceId));
}

function toDevice(r: typeof devices.$inferSelect): DeviceRow {
  return {
    id: r.id,
    tenantId: r.tenantId,
    name: r.name,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    revokedAt: r.revokedAt,
  };
}

/** The tenant's current sequence: 0 means nothing was ever written (an empty farm). */
export async function tenantSeq(db: Executor, tenantId: string): Promise<number> {
  const rows = await db
    .select({ seq: syncCounters.seq })
    .from(syncCounters)
    .where(eq(syncCounters.tenantId, tenantId));
  return rows[0]?.seq ?? 0;
}
