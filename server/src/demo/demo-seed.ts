import { COLLECTIONS, MAX_PUSH_BATCH, wireDocSchema } from '@printfloor/shared';
import type { CollectionDef, CollectionName } from '@printfloor/shared';
import type { AnyWireDoc } from '../sync/push-decision.ts';
import type { SyncService } from '../sync/sync.service.ts';
import { generateDemoFarm } from './demo-farm.ts';
import type { DemoFarm } from './demo-farm.ts';

export interface SeedReport {
  /** Documents of the farm per collection. */
  counts: Partial<Record<CollectionName, number>>;
  /** Documents that already existed with other content (left untouched). */
  conflicts: number;
}

/**
 * Writes the demo farm into a tenant through the sync service (the same path as a tablet's push:
 * seqs are assigned, streams are woken). Safe to repeat: every document is pushed as new, so one
 * that already exists is a no-op when equal and a conflict (left untouched) when it was edited.
 */
export async function seedDemoFarm(
  sync: SyncService,
  tenantId: string,
  opts: { now?: Date; seed?: number } = {},
): Promise<SeedReport> {
  const farm = generateDemoFarm({ now: opts.now ?? new Date(), seed: opts.seed });
  const report: SeedReport = { counts: {}, conflicts: 0 };
  for (const name of Object.keys(farm) as (keyof DemoFarm)[]) {
    const schema = wireDocSchema(COLLECTIONS[name] as CollectionDef);
    const docs = (farm[name] as Record<string, unknown>[]).map(
      (d) => schema.parse({ ...d, _deleted: false }) as AnyWireDoc,
    );
    for (let i = 0; i < docs.length; i += MAX_PUSH_BATCH) {
      const rows = docs
        .slice(i, i + MAX_PUSH_BATCH)
        .map((d) => ({ assumedMasterState: null, newDocumentState: d }));
      report.conflicts += (await sync.push(tenantId, name, rows)).length;
    }
    report.counts[name] = docs.length;
  }
  return report;
}
