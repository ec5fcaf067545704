import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { devices } from '../db/schema/server.ts';
import type { Executor } from '../db/executor.ts';
import type { TabletStatus } from './tablet-status.ts';

/** A device row with its stored heartbeat (columns of migration 0007). */
export interface TabletDeviceRow {
  id: string;
  name: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  lastHeartbeatAt: Date | null;
  lastSyncAt: Date | null;
  pendingEdits: number | null;
  appVersion: string | null;
}

/**
 * Stores a heartbeat on the device row — unless the row holds a newer one already (another server
 * instance stored a later report): heartbeats only move forward. Run under the tenant's scope.
 */
export async function writeHeartbeat(db: Executor, tenantId: string, deviceId: string, s: TabletStatus): Promise<void> {
  await db
    .update(devices)
    .set({
      lastHeartbeatAt: s.reportedAt,
      lastSyncAt: s.lastSyncAt === null ? null : new Date(s.lastSyncAt),
      pendingEdits: s.pendingEdits,
      appVersion: s.appVersion,
    })
    .where(
      and(
        eq(devices.tenantId, tenantId),
        eq(devices.id, deviceId),
        or(isNull(devices.lastHeartbeatAt), lte(devices.lastHeartbeatAt, s.reportedAt)),
      ),
    );
}

/** Every device of the tenant (oldest enrolment first) with its stored heartbeat. */
export function listTabletRows(db: Executor, tenantId: string): Promise<TabletDeviceRow[]> {
  return db
    .select({
      id: devices.id,
      name: devices.name,
      createdAt: devices.createdAt,
      lastSeenAt: devices.lastSeenAt,
      revokedAt: devices.revokedAt,
      lastHeartbeatAt: devices.lastHeartbeatAt,
      lastSyncAt: devices.lastSyncAt,
      pendingEdits: devices.pendingEdits,
      appVersion: devices.appVersion,
    })
    .from(devices)
    .where(eq(devices.tenantId, tenantId))
    .orderBy(devices.createdAt);
}
