import { z } from 'zod';
import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { listTabletRows, writeHeartbeat, type TabletDeviceRow } from './tablet-status.repo.ts';

/**
 * What a tablet says about itself in its heartbeat (`POST /api/devices/heartbeat`): the app build
 * it runs, how many local edits wait to be pushed, and when it last finished a sync. Only the tablet
 * knows these (edits waiting live in its own database), so it reports them; the server adds when.
 */
export const tabletReportSchema = z.strictObject({
  appVersion: z.string().trim().min(1).max(60),
  pendingEdits: z.int().min(0).max(10_000_000),
  /** Device time of the tablet's last complete sync; null before the first. */
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
});
export type TabletReport = z.infer<typeof tabletReportSchema>;

export interface TabletStatus extends TabletReport {
  /** Server time the report arrived. */
  reportedAt: Date;
}

/**
 * A stored heartbeat is rewritten at most this often when nothing meaningful changed. Tablets beat
 * once a minute, so 200 tablets write ~40 rows a minute instead of 200 (and `last_seen_at` already
 * costs a write per device a minute, auth.service.ts).
 */
export const HEARTBEAT_WRITE_EVERY_MS = 5 * 60_000;
/** A change of edits waiting by at least this much is worth writing at once. */
export const PENDING_EDITS_STEP = 10;

/**
 * Whether `next` differs from the report last written in a way a manager should see at once on any
 * instance: another app build, a first sync, edits starting or ceasing to wait, or a jump of
 * `PENDING_EDITS_STEP` or more. A newer last-sync time alone is not (it moves with every sync).
 */
export function meaningfulChange(prev: TabletReport, next: TabletReport): boolean {
  return (
    prev.appVersion !== next.appVersion ||
    (prev.lastSyncAt === null) !== (next.lastSyncAt === null) ||
    (prev.pendingEdits === 0) !== (next.pendingEdits === 0) ||
    Math.abs(prev.pendingEdits - next.pendingEdits) >= PENDING_EDITS_STEP
  );
}

/** Whether a report arriving at `at` is to be written, given what this instance last wrote (if anything). */
export function mustWrite(last: TabletStatus | undefined, next: TabletReport, at: Date, everyMs: number): boolean {
  if (!last) return true; // first report this instance sees: the row may be a restart or an instance old
  return meaningfulChange(last, next) || at.getTime() - last.reportedAt.getTime() >= everyMs;
}

/** One row of the Tablets page: the device and its latest heartbeat (null fields: never reported). */
export interface TabletListRow {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  appVersion: string | null;
  pendingEdits: number | null;
  lastSyncAt: string | null;
  reportedAt: string | null;
}

const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

interface Entry {
  tenantId: string;
  deviceId: string;
  /** The newest report that reached this instance. */
  latest: TabletStatus;
  /** The report this instance last wrote to the device row. */
  written: TabletStatus | undefined;
}

/**
 * Tablets' heartbeats, stored on their `devices` row (migration 0007) so they survive a restart and
 * every instance behind a load balancer sees them. Writes are bounded per device (`mustWrite`):
 * each instance keeps the newest report it received in memory and answers with whichever is newer,
 * that or the stored one — so the instance a tablet talks to is exact, the others trail by at most
 * `writeEveryMs` unless something meaningful changed. An older report never overwrites a newer
 * stored one (another instance's). Every query runs under the tenant's row-level security.
 */
export class TabletStatusStore {
  readonly #byDevice = new Map<string, Entry>();
  readonly #writeEveryMs: number;
  readonly #maxDevices: number;
  /** Rows written since start (tests and the rate figure). */
  writes = 0;

  constructor(
    private readonly db: Executor,
    opts: { writeEveryMs?: number; maxDevices?: number } = {},
  ) {
    this.#writeEveryMs = opts.writeEveryMs ?? HEARTBEAT_WRITE_EVERY_MS;
    this.#maxDevices = opts.maxDevices ?? 10_000;
  }

  #key(tenantId: string, deviceId: string): string {
    return `${tenantId}/${deviceId}`;
  }

  /** Takes a report; writes it to the device row when due. Resolves whether it wrote. */
  async report(tenantId: string, deviceId: string, r: TabletReport, at: Date): Promise<boolean> {
    const key = this.#key(tenantId, deviceId);
    const prev = this.#byDevice.get(key);
    const latest: TabletStatus = { ...r, reportedAt: at };
    this.#remember(key, { tenantId, deviceId, latest, written: prev?.written });
    if (!mustWrite(prev?.written, r, at, this.#writeEveryMs)) return false;
    await withTenant(this.db, tenantId, (tx) => writeHeartbeat(tx, tenantId, deviceId, latest));
    this.writes++;
    const now = this.#byDevice.get(key);
    if (now) now.written = latest;
    return true;
  }

  /**
   * Writes every report this instance holds back (received, not yet due): on a graceful shutdown,
   * so a restart shows the newest heartbeats, not ones up to `writeEveryMs` old. Resolves the count.
   */
  async flush(): Promise<number> {
    let n = 0;
    for (const e of [...this.#byDevice.values()]) {
      if (e.written === e.latest) continue;
      const latest = e.latest;
      await withTenant(this.db, e.tenantId, (tx) => writeHeartbeat(tx, e.tenantId, e.deviceId, latest));
      this.writes++;
      e.written = latest;
      n++;
    }
    return n;
  }

  /** Bounded: a flood of devices cannot grow the map past `maxDevices` (the oldest insertion goes). */
  #remember(key: string, e: Entry): void {
    this.#byDevice.delete(key);
    if (this.#byDevice.size >= this.#maxDevices) {
      const oldest = this.#byDevice.keys().next().value;
      if (oldest !== undefined) this.#byDevice.delete(oldest);
    }
    this.#byDevice.set(key, e);
  }

  /** The newest report this instance received from the device (not necessarily stored yet). */
  get(tenantId: string, deviceId: string): TabletStatus | undefined {
    return this.#byDevice.get(this.#key(tenantId, deviceId))?.latest;
  }

  /** Every device of the tenant with its newest known heartbeat (stored, or newer in memory here). */
  async list(tenantId: string): Promise<TabletListRow[]> {
    const rows = await withTenant(this.db, tenantId, (tx) => listTabletRows(tx, tenantId));
    return rows.map((d) => this.#row(tenantId, d));
  }

  #row(tenantId: string, d: TabletDeviceRow): TabletListRow {
    const mem = this.get(tenantId, d.id);
    const useMem = mem !== undefined && (d.lastHeartbeatAt === null || mem.reportedAt >= d.lastHeartbeatAt);
    const base = {
      id: d.id,
      name: d.name,
      createdAt: d.createdAt.toISOString(),
      lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
      revokedAt: d.revokedAt?.toISOString() ?? null,
    };
    if (useMem) {
      return {
        ...base,
        appVersion: mem.appVersion,
        pendingEdits: mem.pendingEdits,
        lastSyncAt: iso(mem.lastSyncAt),
        reportedAt: mem.reportedAt.toISOString(),
      };
    }
    return {
      ...base,
      appVersion: d.appVersion,
      pendingEdits: d.pendingEdits,
      lastSyncAt: d.lastSyncAt?.toISOString() ?? null,
      reportedAt: d.lastHeartbeatAt?.toISOString() ?? null,
    };
  }
}
