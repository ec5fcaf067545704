import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/accounts/secret-box.ts';
import { addDevice, createTenant } from '../../src/admin/admin.service.ts';
import type { Database } from '../../src/db/database.ts';
import { auditLog } from '../../src/db/tables.ts';
import { silentLogger } from '../../src/logger.ts';
import { PrinterConnectionsService } from '../../src/printers-admin/printer-connection.service.ts';
import { loadPrinterConfigs } from '../../src/relay/printer-config.repo.ts';
import { sealPlaintextAccessCodes } from '../../src/relay/printer-config.secrets.ts';
import { startRelay } from '../../src/relay/relay.ts';
import { printerConnections } from '../../src/relay/relay.schema.ts';
import type { Relay } from '../../src/relay/relay.types.ts';
import { startServer } from '../../src/server.ts';
import type { RunningServer } from '../../src/server.ts';
import { Api } from '../helpers/api.ts';
import { Browser, errorCode } from '../helpers/browser.ts';
import { create } from '../helpers/docs.ts';
import { BACKEND, createTestDatabase } from '../helpers/test-db.ts';
import type { TestDatabase } from '../helpers/test-db.ts';
import { FakeBambuPrinter, makePki } from '../relay/fake-bambu-printer.ts';
import type { Pki } from '../relay/fake-bambu-printer.ts';
import { fixture, statusOf } from '../relay/relay-helpers.ts';

/**
 * Issue 7, secrets: an admin sets a printer's access code through the API; it is stored sealed,
 * the relay opens it and logs in to the (fake, TLS) printer with it, and no answer — admin, manager
 * or tablet — ever contains it. Plain-text values from before are sealed at start.
 */
const SERIAL = '01S00C9SECRET01';
const CODE = `AC${randomBytes(6).toString('hex')}`;
const PW = 'a long enough password';
const box = new SecretBox(randomBytes(32));

let testDb: TestDatabase;
let db: Database;
let relay: Relay;
let server: RunningServer;
let pki: Pki;
let fake: FakeBambuPrinter;
let tenantA: string;
let tablet: Api;
const as: Record<string, Browser> = {};

const printerDoc = (id: string, code: string, serial: string) => ({
  id,
  updatedAt: '2026-05-01T08:00:00.000Z',
  updatedBy: 'tablet',
  serverUpdatedAt: null,
  code,
  name: code,
  brand: 'Bambu Lab',
  protocol: 'bambu',
  model: 'X1C',
  serial,
  location: '',
  workCenterId: '',
  slots: 4,
  active: true,
  notes: '',
  _deleted: false,
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await testDb.open();
  relay = await startRelay({
    logger: silentLogger,
    printers: () => loadPrinterConfigs(db.orm, { secrets: box }),
    brokerPort: null,
    reconnect: { minMs: 100, maxMs: 400 },
    pushallMinIntervalMs: 0,
  });
  server = await startServer({ db, relay, secrets: box });
  const a = await createTenant(db.orm, 'sec-a', 'A');
  const b = await createTenant(db.orm, 'sec-b', 'B');
  tenantA = a.id;
  tablet = new Api(server.url, (await addDevice(db.orm, 'sec-a', 'tablet')).token);
  const accounts = server.app.accounts;
  for (const role of ['operator', 'manager', 'admin'] as const) {
    await accounts.createUser(a.id, `${role}@a.example`, role, PW);
    as[role] = new Browser(server.url);
    expect((await as[role].login(`${role}@a.example`, PW)).status).toBe(200);
  }
  await accounts.createUser(b.id, 'admin@b.example', 'admin', PW);
  as.adminB = new Browser(server.url);
  expect((await as.adminB.login('admin@b.example', PW)).status).toBe(200);
  pki = makePki(SERIAL);
  fake = await new FakeBambuPrinter(SERIAL, CODE, pki, fixture('bambu-hms-error-running.json')).start();
  await tablet.push('printers', [create(printerDoc('p-x1', 'PR-SEC', 'OLD-SERIAL'))]);
});

afterAll(async () => {
  await server?.close();
  await relay?.close();
  await fake?.stop();
  await testDb?.destroy();
});

describe(`printer secrets on ${BACKEND}`, () => {
  it('an admin sets host, serial and access code; it is stored sealed and the relay logs in with it', async () => {
    const r = await as.admin!.request('PUT', '/api/admin/printers/p-x1/connection', {
      host: '127.0.0.1',
      port: fake.port,
      serial: SERIAL,
      accessCode: CODE,
      caPem: pki.caCert,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ connection: { hasAccessCode: true, serial: SERIAL, host: '127.0.0.1' } });
    expect(JSON.stringify(r.body)).not.toContain(CODE);

    const [row] = await db.orm
      .select()
      .from(printerConnections)
      .where(eq(printerConnections.printerId, 'p-x1'));
    expect(SecretBox.isSealed(row!.accessCode!)).toBe(true);
    expect(row!.accessCode).not.toContain(CODE);

    // The relay reloaded, opened the sealed code and the printer accepted it.
    const s = await statusOf(relay, 'PR-SEC', (x) => x.state === 'printing');
    expect(s.jobName).toBeTruthy();
    expect(fake.logins.at(-1)).toEqual({ username: 'bblp', ok: true });
  });

  it('no answer holds the code: admin reads, the tablet’s pull, the audit log', async () => {
    const bodies: string[] = [];
    const get = async (b: Browser, path: string) => {
      const r = await b.request('GET', path);
      expect(r.status, path).toBe(200);
      bodies.push(JSON.stringify(r.body));
      return r.body;
    };
    expect(await get(as.admin!, '/api/admin/printers/p-x1/connection')).toMatchObject({
      connection: { hasAccessCode: true, hasCa: true },
    });
    expect(await get(as.admin!, '/api/admin/printers')).toMatchObject({
      printers: [{ printerId: 'p-x1', hasAccessCode: true }],
    });
    const audit = await get(as.manager!, '/api/manage/audit?target=printers/p-x1');
    expect(JSON.stringify(audit)).toContain('"accessCode":"rotated"');
    const pulled = await tablet.pullAll('printers');
    expect(pulled.documents).toEqual([expect.objectContaining({ serial: SERIAL })]);
    bodies.push(JSON.stringify(pulled));
    for (const body of bodies) expect(body).not.toContain(CODE);
    // A printers document cannot carry a secret in: its schema is strict.
    const smuggled = await tablet.pushRaw(
      'printers',
      JSON.stringify([create({ ...printerDoc('p-evil', 'PR-EVIL', 'S'), accessCode: CODE })]),
    );
    expect(smuggled.status).toBe(422);
    const rows = await db.orm.select().from(auditLog).where(eq(auditLog.tenantId, tenantA));
    expect(JSON.stringify(rows)).not.toContain(CODE);
  });

  it('only an admin of the tenant may read or set connections', async () => {
    for (const role of ['operator', 'manager'] as const) {
      const r = await as[role]!.request('PUT', '/api/admin/printers/p-x1/connection', { accessCode: 'x' });
      expect(r.status).toBe(403);
      expect((await as[role]!.request('GET', '/api/admin/printers')).status).toBe(403);
    }
    expect((await as.adminB!.request('GET', '/api/admin/printers/p-x1/connection')).status).toBe(404);
    const other = await as.adminB!.request('PUT', '/api/admin/printers/p-x1/connection', {
      accessCode: 'pwned123',
    });
    expect(other.status).toBe(404);
    expect(errorCode(other.body)).toBe('no_such_printer');
    expect((await fetch(`${server.url}/api/admin/printers`, { headers: tablet.headers() })).status).toBe(401);
    // Unknown fields are refused (nothing like a plain `access_code` slips into the row).
    expect(
      (await as.admin!.request('PUT', '/api/admin/printers/p-x1/connection', { code: 'x' })).status,
    ).toBe(422);
  });

  it('without SECRETS_KEY an access code cannot be stored', async () => {
    const noKey = new PrinterConnectionsService(db.orm, server.app.sync, undefined);
    await expect(
      noKey.set(tenantA, 'p-x1', { accessCode: 'abc' }, { userId: 'u', ip: null }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'secrets_key_missing',
    });
  });

  it('plain-text codes from before are sealed at start; a sealed value moved to another row or a wrong key does not open', async () => {
    await tablet.push('printers', [create(printerDoc('p-old', 'PR-OLD', 'S-OLD'))]);
    await db.orm
      .insert(printerConnections)
      .values({ tenantId: tenantA, printerId: 'p-old', host: '10.0.0.9', accessCode: 'legacy42' });
    expect(await sealPlaintextAccessCodes(db.orm, box)).toBe(1);
    expect(await sealPlaintextAccessCodes(db.orm, box)).toBe(0);
    const [old] = await db.orm
      .select()
      .from(printerConnections)
      .where(eq(printerConnections.printerId, 'p-old'));
    expect(SecretBox.isSealed(old!.accessCode!)).toBe(true);
    const byCode = async (b: SecretBox) =>
      new Map((await loadPrinterConfigs(db.orm, { secrets: b })).map((c) => [c.code, c.accessCode]));
    expect((await byCode(box)).get('PR-OLD')).toBe('legacy42');
    expect((await byCode(new SecretBox(randomBytes(32)))).get('PR-OLD')).toBeUndefined();

    // Copy p-old's sealed code onto p-x1: it is bound to its own row and does not open there.
    const [x1] = await db.orm
      .select()
      .from(printerConnections)
      .where(eq(printerConnections.printerId, 'p-x1'));
    await db.orm
      .update(printerConnections)
      .set({ accessCode: old!.accessCode })
      .where(eq(printerConnections.printerId, 'p-x1'));
    expect((await byCode(box)).get('PR-SEC')).toBeUndefined();
    await db.orm
      .update(printerConnections)
      .set({ accessCode: x1!.accessCode })
      .where(eq(printerConnections.printerId, 'p-x1'));
    expect((await byCode(box)).get('PR-SEC')).toBe(CODE);
  });
});
