import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDoc } from '@printfloor/shared';
import { addDevice, createTenant } from '../../src/admin/admin.service.ts';
import {
  createConsumption,
  findJobStart,
  findRunningStep,
  type ConsumptionHooks,
} from '../../src/consumption/index.ts';
import { PgStatusStore } from '../../src/relay/pg-status-store.ts';
import { unknownStatus } from '@printfloor/shared';
import type { Database } from '../../src/db/database.ts';
import { silentLogger } from '../../src/logger.ts';
import {
  loadPrinterConfigs,
  startRelay,
  type PrinterStateChange,
  type Relay,
} from '../../src/relay/index.ts';
import { printerEvents } from '../../src/relay/relay.schema.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { SyncService } from '../../src/sync/sync.service.ts';
import { Api } from '../helpers/api.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { statusOf } from './relay-helpers.ts';

/**
 * Step linking and automatic consumption end to end: tablets push the printer, a loaded spool and
 * step events through the sync API; a printer publishes a print on the embedded broker; the
 * consume movement comes back out of the pull API.
 */

const FIXTURES = new URL('../../../shared/test-fixtures/printer-mqtt/', import.meta.url);
const X1C = readFileSync(new URL('bambu-x1c-full-ams.json', FIXTURES), 'utf8');
const SERIAL = '01S00CONSUME001';
const PRINTER = 'printer-x1';
const T0 = '2026-05-01T08:00:00.000Z';

/**
 * Built from the real X1C full report (labelled, not a capture): the same printer with another
 * `gcode_state` and AMS1-1 (the 1000 g PLA spool) at `remain` %.
 */
function builtReport(gcodeState: string, remain: number, extra: Record<string, unknown> = {}): string {
  const full = JSON.parse(X1C) as {
    print: Record<string, unknown> & { ams: { ams: { tray: { remain: number }[] }[] } };
  };
  full.print.gcode_state = gcodeState;
  full.print.ams.ams[0]!.tray[0]!.remain = remain;
  Object.assign(full.print, extra);
  return JSON.stringify(full);
}

const meta = { updatedAt: T0, updatedBy: 'tablet-1', serverUpdatedAt: null, _deleted: false };

function printerDoc(id: string, code: string, serial: string): WireDoc<'printers'> {
  return {
    id,
    ...meta,
    code,
    name: code,
    brand: 'Bambu Lab',
    protocol: 'bambu',
    model: 'X1C',
    serial,
    location: 'Bay 1',
    workCenterId: '',
    slots: 4,
    active: true,
    notes: '',
  };
}

function spoolDoc(id: string, printerId: string, slot: string): WireDoc<'spools'> {
  return {
    id,
    ...meta,
    code: `SP-${id}`,
    material: 'PLA',
    colorName: 'Red',
    colorHex: '#9D432C',
    brand: 'Bambu',
    diameterMm: 1.75,
    netWeightG: 1000,
    tareWeightG: 250,
    lot: '',
    location: '',
    status: 'active',
    loadedPrinterId: printerId,
    loadedSlot: slot,
    spoolmanId: null,
    ean: null,
    receivedAt: T0,
    notes: '',
  };
}

function stepEvent(
  id: string,
  type: WireDoc<'step_events'>['type'],
  op: string,
  printerId: string,
  at: string,
): WireDoc<'step_events'> {
  return {
    id,
    at,
    operatorId: 'person-1',
    deviceId: 'tablet-1',
    serverUpdatedAt: null,
    workOrderId: `wo-${op}`,
    operationId: op,
    type,
    printerId,
    qtyGood: type === 'complete' ? 1 : 0,
    qtyScrap: 0,
    reasonCode: '',
    note: '',
    qcResult: null,
    downtimeFrom: null,
    downtimeTo: null,
    override: false,
    _deleted: false,
  };
}

const rows = (docs: unknown[]) => docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));

describe('step linking and automatic consumption', () => {
  let testDb: TestDatabase;
  let db: Database;
  let relay: Relay;
  let server: RunningServer;
  let hooks: ConsumptionHooks;
  let tenantId: string;
  let otherTenantId: string;
  let api: Api;
  const seen: PrinterStateChange[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await testDb.open();
    tenantId = (await createTenant(db.orm, 'cons-a')).id;
    otherTenantId = (await createTenant(db.orm, 'cons-b')).id;
    hooks = createConsumption({ db: db.orm, sync: new SyncService(db), logger: silentLogger });
    relay = await startRelay({
      logger: silentLogger,
      db: db.orm,
      brokerPort: null,
      minIntervalMs: 10,
      printers: () => loadPrinterConfigs(db.orm),
      linkStep: (c) => hooks.linkStep(c),
      onStateChange: (c) => {
        seen.push(c);
        return hooks.onStateChange(c);
      },
    });
    server = await startServer({ db, relay });
    api = new Api(server.url, (await addDevice(db.orm, 'cons-a', 'tablet')).token);
    const other = new Api(server.url, (await addDevice(db.orm, 'cons-b', 'tablet')).token);

    await api.push(
      'printers',
      rows([printerDoc(PRINTER, 'PR-X1', SERIAL), printerDoc('printer-2', 'PR-2', 'S2')]),
    );
    await api.push(
      'spools',
      rows([spoolDoc('spool-red', PRINTER, 'AMS1-1'), spoolDoc('spool-idle', 'printer-2', 'AMS1-1')]),
    );
    await api.push(
      'step_events',
      rows([
        // op-done ran on this printer and is complete: not running.
        stepEvent('e1', 'start', 'op-done', PRINTER, '2026-05-01T07:00:00.000Z'),
        stepEvent('e2', 'complete', 'op-done', PRINTER, '2026-05-01T07:30:00.000Z'),
        // op-moved started here first, then its latest start is on printer-2.
        stepEvent('e3', 'start', 'op-moved', PRINTER, '2026-05-01T07:40:00.000Z'),
        stepEvent('e4', 'pause', 'op-moved', PRINTER, '2026-05-01T07:45:00.000Z'),
        stepEvent('e5', 'resume', 'op-moved', PRINTER, '2026-05-01T07:46:00.000Z'),
        stepEvent('e5b', 'start', 'op-moved', 'printer-2', '2026-05-01T07:47:00.000Z'),
        // op-print is the step running on this printer.
        stepEvent('e6', 'start', 'op-print', PRINTER, '2026-05-01T08:00:00.000Z'),
      ]),
    );
    // Another shop with the same printer id (ids are per tenant) and a later running step.
    await other.push(
      'step_events',
      rows([stepEvent('x1', 'start', 'op-other', PRINTER, '2026-05-01T09:00:00.000Z')]),
    );
    await relay.reload();
  });

  afterAll(async () => {
    await server?.close();
    await relay?.close();
    await testDb?.destroy();
  });

  it('finds the running step by the fold of step_events, tenant-scoped', async () => {
    const at = '2026-05-01T10:00:00.000Z';
    expect(await findRunningStep(db.orm, tenantId, PRINTER, at)).toEqual({
      operationId: 'op-print',
      workOrderId: 'wo-op-print',
      startedAt: '2026-05-01T08:00:00.000Z',
    });
    expect((await findRunningStep(db.orm, otherTenantId, PRINTER, at))?.operationId).toBe('op-other');
    expect((await findRunningStep(db.orm, tenantId, 'printer-2', at))?.operationId).toBe('op-moved');
    expect(await findRunningStep(db.orm, tenantId, 'printer-none', at)).toBeNull();
  });

  it('prefers a running step over a paused one, and forgets it once completed', async () => {
    await api.push(
      'step_events',
      rows([
        stepEvent('p1', 'start', 'op-paused', 'printer-3', '2026-05-01T09:00:00.000Z'),
        stepEvent('p2', 'start', 'op-run', 'printer-3', '2026-05-01T08:00:00.000Z'),
        stepEvent('p3', 'pause', 'op-paused', 'printer-3', '2026-05-01T09:10:00.000Z'),
      ]),
    );
    const at = '2026-05-01T10:00:00.000Z';
    expect((await findRunningStep(db.orm, tenantId, 'printer-3', at))?.operationId).toBe('op-run');
    await api.push(
      'step_events',
      rows([stepEvent('p4', 'complete', 'op-run', 'printer-3', '2026-05-01T09:20:00.000Z')]),
    );
    expect((await findRunningStep(db.orm, tenantId, 'printer-3', at))?.operationId).toBe('op-paused');
  });

  it('a print on the broker: events linked to the step, one consume movement from the AMS delta', async () => {
    const sim = relay.openClient('consume-sim');
    await new Promise<void>((r) => sim.once('connect', () => r()));
    const topic = `device/${SERIAL}/report`;
    await sim.publishAsync(topic, builtReport('IDLE', 93));
    await statusOf(relay, 'PR-X1', (s) => s.state === 'idle');
    await sim.publishAsync(topic, builtReport('RUNNING', 93, { mc_percent: 1 }));
    await statusOf(relay, 'PR-X1', (s) => s.state === 'printing');
    await sim.publishAsync(topic, builtReport('RUNNING', 90, { mc_percent: 50 }));
    await statusOf(relay, 'PR-X1', (s) => s.progress === 50);
    await sim.publishAsync(topic, builtReport('FINISH', 86, { mc_percent: 100 }));
    await statusOf(relay, 'PR-X1', (s) => s.state === 'finished');
    await sim.endAsync();

    const consumes = async () =>
      (await api.pullAll<WireDoc<'spool_movements'>>('spool_movements')).documents.filter(
        (d) => d.type === 'consume',
      );
    let found: WireDoc<'spool_movements'>[] = [];
    for (let i = 0; i < 200 && found.length === 0; i++) {
      found = await consumes();
      if (found.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      spoolId: 'spool-red',
      type: 'consume',
      grams: 70, // (93 − 86) % of 1000 g
      estimated: true,
      workOrderId: 'wo-op-print',
      operationId: 'op-print',
      printerId: PRINTER,
      slot: 'AMS1-1',
      deviceId: 'printer-relay',
    });
    expect(found[0]!.note).toContain('AMS1-1 93% → 86% of 1000 g');

    const events = await db.orm.select().from(printerEvents);
    const mine = events.filter((e) => e.printerCode === 'PR-X1');
    expect(mine.map((e) => e.kind)).toEqual(['online', 'started', 'finished']);
    expect(mine.filter((e) => e.kind !== 'online').map((e) => e.operationId)).toEqual([
      'op-print',
      'op-print',
    ]);

    // The same end handled again (a relay restart, a replayed report): the same id, still one movement.
    const finished = seen.find((c) => c.printerCode === 'PR-X1' && c.kind === 'finished');
    expect(finished).toBeDefined();
    await hooks.onStateChange({ ...finished!, status: { ...finished!.status } });
    expect(await consumes()).toHaveLength(1);
  });

  it("finds a job's start through a relay restart mid-print, and none after a closed job", async () => {
    const store = new PgStatusStore(db.orm);
    const code = 'PR-RESTART';
    const at = (m: number) => new Date(Date.UTC(2026, 4, 1, 12, m)).toISOString();
    const ev = async (
      kind: PrinterStateChange['kind'],
      from: string,
      to: string,
      m: number,
      op: string | null = null,
    ) =>
      store.recordEvent({
        tenantId,
        printerCode: code,
        printerId: 'printer-r',
        kind,
        from: from as PrinterStateChange['from'],
        to: to as PrinterStateChange['to'],
        jobName: 'job',
        at: at(m),
        operationId: op,
        status: { ...unknownStatus(code, 'bambu'), state: to as PrinterStateChange['to'] },
      });
    await ev('finished', 'printing', 'finished', 0); // an earlier job
    await ev('idle', 'finished', 'idle', 1);
    await ev('started', 'idle', 'printing', 2, 'op-r');
    await ev('paused', 'printing', 'paused', 3); // not a boundary
    await ev('offline', 'printing', 'offline', 4); // relay stopped / restarted
    await ev('online', 'offline', 'printing', 5); // same job, seen again
    await ev('finished', 'printing', 'finished', 6);
    const start = await findJobStart(db.orm, tenantId, code, 'finished', at(6));
    expect(start).toMatchObject({ at: at(2), operationId: 'op-r' });
    // The next end with no start since the last finish: nothing to measure from.
    await ev('failed', 'finished', 'failed', 7);
    expect(await findJobStart(db.orm, tenantId, code, 'failed', at(7))).toBeNull();
    // Another tenant's events never count.
    expect(await findJobStart(db.orm, otherTenantId, code, 'finished', at(6))).toBeNull();
  });
});
