import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { printerStatusSchema } from '@printfloor/shared';
import { printerEvents, printerStatus } from './relay.schema.ts';
import type { StatusSnapshot, StatusStore } from './status-store.ts';
import type { PrinterStateChange } from './relay.types.ts';

/** Either driver the server runs on (postgres-js or PGlite): only the query builder is used. */
export type RelayDb = PgDatabase<PgQueryResultHKT>;

/** Statuses and state changes in Postgres (tables in relay.schema.ts). */
export class PgStatusStore implements StatusStore {
  constructor(private readonly db: RelayDb) {}

  async saveSnapshot(rows: StatusSnapshot[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(printerStatus)
      .values(
        rows.map((r) => ({
          tenantId: r.tenantId,
          printerCode: r.status.code,
          state: r.status.state,
          status: r.status,
          lastSeen: r.status.lastSeen,
        })),
      )
      .onConflictDoUpdate({
        target: [printerStatus.tenantId, printerStatus.printerCode],
        set: {
          state: sql`excluded.state`,
          status: sql`excluded.status`,
          lastSeen: sql`excluded.last_seen`,
          updatedAt: sql`now()`,
        },
      });
  }

  async recordEvent(change: PrinterStateChange): Promise<void> {
    await this.db.insert(printerEvents).values({
      tenantId: change.tenantId,
      printerCode: change.printerCode,
      printerId: change.printerId,
      kind: change.kind,
      fromState: change.from,
      toState: change.to,
      jobName: change.jobName,
      operationId: change.operationId,
      at: change.at,
      status: change.status,
    });
  }

  async loadSnapshots(): Promise<StatusSnapshot[]> {
    const rows = await this.db
      .select({ tenantId: printerStatus.tenantId, status: printerStatus.status })
      .from(printerStatus);
    const out: StatusSnapshot[] = [];
    for (const r of rows) {
      // A row written by an older version may not fit today's schema: skip it, the printer reports again.
      const parsed = printerStatusSchema.safeParse(r.status);
      if (parsed.success) out.push({ tenantId: r.tenantId, status: parsed.data });
    }
    return out;
  }
}
