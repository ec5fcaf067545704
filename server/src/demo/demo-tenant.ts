import { addDevice, ensureTenant } from '../admin/admin.service.ts';
import { tenantSeq } from '../admin/tenants.repo.ts';
import type { Executor } from '../db/executor.ts';
import type { SyncService } from '../sync/sync.service.ts';
import { seedDemoFarm } from './demo-seed.ts';
import type { SeedReport } from './demo-seed.ts';

export const DEMO_TENANT = 'demo';

export interface DemoSetup {
  /** Undefined when the tenant already had data (left as it is). */
  seeded: SeedReport | undefined;
  token: string;
  deviceName: string;
}

/** `--demo`: the `demo` tenant (created when absent), its farm (seeded when empty) and a fresh device token. */
export async function setUpDemo(db: Executor, sync: SyncService, now = new Date()): Promise<DemoSetup> {
  const tenant = await ensureTenant(db, DEMO_TENANT, 'Demo Print Farm');
  const seeded =
    (await tenantSeq(db, tenant.id)) === 0 ? await seedDemoFarm(sync, tenant.id, { now }) : undefined;
  const deviceName = `Demo tablet ${now.toISOString().slice(0, 16).replace('T', ' ')}`;
  const { token } = await addDevice(db, DEMO_TENANT, deviceName);
  return { seeded, token, deviceName };
}
