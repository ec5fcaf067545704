import { addDevice, createTenant } from '../../src/admin/admin.service.ts';
import type { Database } from '../../src/db/database.ts';
import { startServer } from '../../src/server.ts';
import type { RunningServer } from '../../src/server.ts';
import { Api } from './api.ts';
import { createTestDatabase } from './test-db.ts';
import type { TestDatabase } from './test-db.ts';

export interface Tenant {
  id: string;
  slug: string;
  token: string;
  deviceId: string;
  api: Api;
}

/** A migrated test database, an in-process server on a free port, and two tenants with a device each. */
export interface Harness {
  testDb: TestDatabase;
  db: Database;
  server: RunningServer;
  a: Tenant;
  b: Tenant;
  close(): Promise<void>;
}

export async function startHarness(opts: { clientDist?: string } = {}): Promise<Harness> {
  const testDb = await createTestDatabase();
  const db = await testDb.open();
  const server = await startServer({ db, clientDist: opts.clientDist });
  const tenant = async (slug: string): Promise<Tenant> => {
    const t = await createTenant(db.orm, slug, slug.toUpperCase());
    const { token, device } = await addDevice(db.orm, slug, `${slug} tablet`);
    return { id: t.id, slug, token, deviceId: device.id, api: new Api(server.url, token) };
  };
  const a = await tenant('tenant-a');
  const b = await tenant('tenant-b');
  return {
    testDb,
    db,
    server,
    a,
    b,
    async close() {
      await server.close();
      await testDb.destroy();
    },
  };
}
