import type { PrinterStatus } from '@printfloor/shared';
import type { PrinterStateChange } from './relay.types.ts';

/** A printer's latest status as persisted. */
export interface StatusSnapshot {
  tenantId: string;
  status: PrinterStatus;
}

/**
 * Where the relay keeps statuses and state changes. The relay calls it from its own timers and
 * never lets a failure here reach MQTT handling (errors are counted and logged).
 */
export interface StatusStore {
  /** Upserts the latest status of each printer (one row per tenant + printer code). */
  saveSnapshot(rows: StatusSnapshot[]): Promise<void>;
  /** Appends a state change (print started, paused, finished, failed, error, offline, …). */
  recordEvent(change: PrinterStateChange): Promise<void>;
  /** Last persisted statuses, to show something (as offline) right after a restart. */
  loadSnapshots(): Promise<StatusSnapshot[]>;
}

/** Keeps everything in memory: the default without a database, and for tests. */
export class MemoryStatusStore implements StatusStore {
  readonly snapshots = new Map<string, StatusSnapshot>();
  readonly events: PrinterStateChange[] = [];
  saveCalls = 0;

  saveSnapshot(rows: StatusSnapshot[]): Promise<void> {
    this.saveCalls++;
    for (const r of rows) this.snapshots.set(`${r.tenantId}/${r.status.code}`, r);
    return Promise.resolve();
  }

  recordEvent(change: PrinterStateChange): Promise<void> {
    this.events.push(change);
    return Promise.resolve();
  }

  loadSnapshots(): Promise<StatusSnapshot[]> {
    return Promise.resolve([...this.snapshots.values()]);
  }
}
