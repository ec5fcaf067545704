import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { unknownStatus, type PrinterStatus } from '@printfloor/shared';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { printers } from '../../src/db/schema/replicated.ts';
import { silentLogger } from '../../src/logger.ts';
import { PgStatusStore } from '../../src/relay/pg-status-store.ts';
import { loadPrinterConfigs } from '../../src/relay/printer-config.repo.ts';
import { printerConnections, printerEvents, printerStatus } from '../../src/relay/relay.schema.ts';
import { startRelay } from '../../src/relay/relay.ts';
import type { PrinterConfig } from '../../src/relay/relay.types.ts';
import { statusOf, TENANT } from './relay-helpers.ts';

const PG_FROM_ENV = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
const PG_ADMIN = PG_FROM_ENV ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The local Postgres is used when it answers; a URL given in the environment must answer. */
async function postgresReachable(): Promise<boolean> {
  if (PG_FROM_ENV) return true;
  const probe = postgres(PG_ADMIN, { max: 1, connect_timeout: 3, onnotice: () => undefined });
  try {
    await probe`select 1`;
    return true;
  } catch {
    console.warn(
      `relay-postgres: no Postgres at ${PG_ADMIN}; the real-Postgres half is skipped (set TEST_DATABASE_URL)`,
    );
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}
const backends: [string, typeof pglite][] = [['PGlite', pglite]];
if (await postgresReachable()) backends.unshift(['real Postgres', realPostgres]);
const OTHER_TENANT = '00000000-0000-4000-8000-0000000000bb';

/** A database of our own on the real Postgres (printfloor_relay_*), migrated with drizzle/ (0000 + 0001). */
async function realPostgres(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const name = `printfloor_relay_${randomBytes(5).toString('hex')}`;
  const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), logger: silentLogger });
  await db.migrate();
  return {
    db,
    async drop() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

async function pglite(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const db = await openDatabase({ kind: 'pglite', dataDir: undefined, logger: silentLogger });
  await db.migrate();
  return { db, drop: () => db.close() };
}

const printerRow = (
  tenantId: string,
  id: string,
  code: string,
  protocol: string,
  serial = '',
  active = true,
) => ({
  id,
  tenantId,
  seq: Number.parseInt(id.replace(/\D/g, ''), 10) || 1,
  updatedAt: '2025-06-14T06:00:00.000Z',
  updatedBy: 'test',
  serverUpdatedAt: null,
  code,
  name: code,
  brand: 'Bambu Lab',
  protocol,
  model: protocol === 'bambu' ? 'P1P' : '',
  serial,
  location: '',
  workCenterId: '',
  slots: 4,
  active,
  notes: '',
});

describe.each(backends)('relay persistence on %s', (_name, open) => {
  let env: { db: Database; drop: () => Promise<void> };
  beforeAll(async () => {
    env = await open();
  });
  afterAll(() => env?.drop());

  it('upserts snapshots, loads them back, appends events', async () => {
    const store = new PgStatusStore(env.db.orm);
    const s: PrinterStatus = {
      ...unknownStatus('PR-1', 'bambu'),
      state: 'printing',
      progress: 40,
      lastSeen: '2025-06-14T06:00:00.000Z',
    };
    await store.saveSnapshot([{ tenantId: TENANT, status: s }]);
    await store.saveSnapshot([
      { tenantId: TENANT, status: { ...s, progress: 41 } },
      { tenantId: OTHER_TENANT, status: s },
    ]);
    const loaded = await store.loadSnapshots();
    expect(loaded).toHaveLength(2);
    expect(loaded.find((r) => r.tenantId === TENANT)?.status.progress).toBe(41);
    const rows = await env.db.orm.select().from(printerStatus);
    expect(rows.find((r) => r.tenantId === TENANT)).toMatchObject({ state: 'printing', printerCode: 'PR-1' });

    await store.recordEvent({
      tenantId: TENANT,
      printerCode: 'PR-1',
      printerId: 'p-1',
      kind: 'finished',
      from: 'printing',
      to: 'finished',
      jobName: 'bracket',
      at: '2025-06-14T07:00:00.000Z',
      status: { ...s, state: 'finished' },
      operationId: 'op-7',
    });
    const events = await env.db.orm.select().from(printerEvents);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'finished',
      fromState: 'printing',
      toState: 'finished',
      operationId: 'op-7',
      printerId: 'p-1',
    });
    await env.db.orm.delete(printerStatus);
    await env.db.orm.delete(printerEvents);
  });

  it('loads printer configurations: replicated printers joined with their server-only connection', async () => {
    await env.db.orm
      .insert(printers)
      .values([
        printerRow(TENANT, 'p1', 'PR-B1', 'bambu', '01P00A0001'),
        printerRow(TENANT, 'p2', 'PR-O1', 'octoprint'),
        printerRow(TENANT, 'p3', 'PR-OFF', 'moonraker', '', false),
      ] as (typeof printers.$inferInsert)[]);
    await env.db.orm.insert(printerConnections).values({
      tenantId: TENANT,
      printerId: 'p1',
      host: '10.0.0.5',
      accessCode: '12345678',
      caPem: null,
      baseTopic: null,
    });
    const configs = await loadPrinterConfigs(env.db.orm);
    expect(configs.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      {
        tenantId: TENANT,
        printerId: 'p1',
        code: 'PR-B1',
        protocol: 'bambu',
        serial: '01P00A0001',
        model: 'P1P',
        host: '10.0.0.5',
        accessCode: '12345678',
      },
      { tenantId: TENANT, printerId: 'p2', code: 'PR-O1', protocol: 'octoprint' },
    ]);
  });

  it('a restarted relay shows the last known status as offline and records no false start', async () => {
    const store = new PgStatusStore(env.db.orm);
    const cfg: PrinterConfig[] = [
      { tenantId: TENANT, code: 'PR-N', protocol: 'printfloor', printerId: 'pn' },
    ];
    const start = () =>
      startRelay({ logger: silentLogger, printers: () => Promise.resolve(cfg), store, brokerPort: null });
    const publish = async (relay: Awaited<ReturnType<typeof start>>, body: object) => {
      const c = relay.openClient(`t-${randomBytes(3).toString('hex')}`);
      await c.publishAsync('printfloor/v1/printers/PR-N/status', JSON.stringify(body));
      await c.endAsync();
    };

    let relay = await start();
    await publish(relay, { state: 'printing', jobName: 'hinge', progress: 30 });
    await statusOf(relay, 'PR-N', (s) => s.state === 'printing');
    await relay.close(); // flushes the latest snapshot

    relay = await start();
    const restored = relay.snapshot()[0]!.status;
    expect(restored).toMatchObject({ state: 'offline', jobName: 'hinge', progress: 30 });
    await publish(relay, { state: 'printing', jobName: 'hinge', progress: 31 });
    await statusOf(relay, 'PR-N', (s) => s.progress === 31);
    await publish(relay, { state: 'finished', jobName: 'hinge', progress: 100 });
    await statusOf(relay, 'PR-N', (s) => s.state === 'finished');
    await relay.close();

    const kinds = (await env.db.orm.select().from(printerEvents)).map((e) => e.kind);
    expect(kinds).toEqual(['online', 'online', 'finished']);
    const row = (await env.db.orm.select().from(printerStatus))[0];
    expect(row).toMatchObject({ printerCode: 'PR-N', state: 'finished' });
  });
});
