import { z } from 'zod';

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
 * The latest report of each device, in memory. Deliberately not a table: the figures are
 * informational, a tablet reports again within a minute of any restart, and adding columns to
 * `devices` is a migration. Per server instance: behind a load balancer, a manager sees the reports
 * that reached the instance answering them (see the README / issue note for the persistent option).
 */
export class TabletStatusStore {
  readonly #byDevice = new Map<string, TabletStatus>();

  constructor(private readonly maxDevices = 10_000) {}

  #key(tenantId: string, deviceId: string): string {
    return `${tenantId}/${deviceId}`;
  }

  report(tenantId: string, deviceId: string, r: TabletReport, at: Date): void {
    const key = this.#key(tenantId, deviceId);
    // Bounded: a flood of devices cannot grow the map past `maxDevices` (oldest insertion goes).
    this.#byDevice.delete(key);
    if (this.#byDevice.size >= this.maxDevices) {
      const oldest = this.#byDevice.keys().next().value;
      if (oldest !== undefined) this.#byDevice.delete(oldest);
    }
    this.#byDevice.set(key, { ...r, reportedAt: at });
  }

  get(tenantId: string, deviceId: string): TabletStatus | undefined {
    return this.#byDevice.get(this.#key(tenantId, deviceId));
  }
}
