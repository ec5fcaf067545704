import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { createTenantWithDevices, newServerEnv, type ServerEnv } from '../support/server.ts';
import type { Farm } from './workload.ts';

const run = promisify(execFile);

/** A scratch database of its own on the Postgres of DATABASE_URL, so the soak never touches anyone's data. */
export async function scratchDatabase(
  baseUrl: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(baseUrl, { max: 1, onnotice: () => undefined });
      await a.unsafe(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await a.end();
    },
  };
}

/**
 * Restarts the machine's Postgres cluster (everyone on the machine sees a few seconds of refused
 * connections): the soak does it at most once per run, and only on real Postgres.
 */
export async function restartPostgres(): Promise<void> {
  await run('sh', ['-c', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart'], {
    timeout: 60_000,
  });
}

/**
 * Tenant and device tokens. Enrolling costs one CLI process per device, so the bulk tablets share
 * a small pool of device tokens (each still stamps its own deviceId on what it writes); the RxDB
 * tablets, the seeder and the observer each have their own.
 */
export async function enrol(env: ServerEnv, slug: string, rxTablets: number, pool: number) {
  const names = [
    'seeder',
    'observer',
    ...Array.from({ length: rxTablets }, (_, i) => `rx-${i}`),
    ...Array.from({ length: pool }, (_, i) => `pool-${i}`),
  ];
  const tokens = await createTenantWithDevices(env, slug, names);
  return {
    seeder: tokens[0]!,
    observer: tokens[1]!,
    rx: tokens.slice(2, 2 + rxTablets),
    pool: tokens.slice(2 + rxTablets),
  };
}

export async function soakEnv(databaseUrl: string | undefined): Promise<ServerEnv> {
  return newServerEnv(databaseUrl ? { databaseUrl } : {});
}

/** Pushes the farm through the real push API, in batches. */
export async function seedFarm(baseUrl: string, token: string, farm: Farm): Promise<void> {
  const sets = [
    ['printers', farm.printers],
    ['work_orders', farm.workOrders],
    ['operations', farm.operations],
    ['spools', farm.spools],
    ['spool_movements', farm.receipts],
  ] as const;
  for (const [c, docs] of sets) {
    for (let i = 0; i < docs.length; i += 400) {
      const rows = docs
        .slice(i, i + 400)
        .map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }));
      const res = await fetch(`${baseUrl}/api/sync/${c}/push`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(rows),
      });
      if (!res.ok) throw new Error(`seed ${c}: HTTP ${res.status} ${await res.text()}`);
      const conflicts = (await res.json()) as unknown[];
      if (conflicts.length > 0) throw new Error(`seed ${c}: ${conflicts.length} conflicts`);
    }
  }
}
