import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice, createTenant } from '../../src/admin/admin.service.ts';
import type { Database } from '../../src/db/database.ts';
import { silentLogger } from '../../src/logger.ts';
import { startRelay } from '../../src/relay/relay.ts';
import type { Relay } from '../../src/relay/relay.types.ts';
import { startServer } from '../../src/server.ts';
import type { RunningServer } from '../../src/server.ts';
import { Browser, errorCode } from '../helpers/browser.ts';
import { BACKEND, createTestDatabase } from '../helpers/test-db.ts';
import type { TestDatabase } from '../helpers/test-db.ts';

/**
 * Issue 7: revoking a device ends its open /api/printers/stream at once (the same revocation
 * event that ends its sync stream; on Postgres a NOTIFY every instance hears), and its token is
 * refused on the very next request, streams included. Another device's stream stays open.
 */
let testDb: TestDatabase;
let db: Database;
let relay: Relay;
let server: RunningServer;
let manager: Browser;
const devices: { id: string; token: string }[] = [];

interface OpenStream {
  status: number;
  text: () => string;
  ended: Promise<void>;
  abort: () => void;
}

async function openPrinterStream(token: string): Promise<OpenStream> {
  const ctrl = new AbortController();
  const res = await fetch(`${server.url}/api/printers/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ctrl.signal,
  });
  let text = '';
  const ended =
    res.status === 200 && res.body
      ? (async () => {
          const dec = new TextDecoder();
          try {
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
              text += dec.decode(chunk);
          } catch {
            // aborted by the test
          }
        })()
      : Promise.resolve();
  return { status: res.status, text: () => text, ended, abort: () => ctrl.abort() };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await testDb.open();
  relay = await startRelay({ logger: silentLogger, printers: () => Promise.resolve([]), brokerPort: null });
  server = await startServer({ db, relay });
  const t = await createTenant(db.orm, 'rev-a', 'A');
  for (const name of ['doomed', 'other']) {
    const { token, device } = await addDevice(db.orm, 'rev-a', name);
    devices.push({ id: device.id, token });
  }
  await server.app.accounts.createUser(t.id, 'm@a.example', 'manager', 'a long enough password');
  manager = new Browser(server.url);
  expect((await manager.login('m@a.example', 'a long enough password')).status).toBe(200);
});

afterAll(async () => {
  await server?.close();
  await relay?.close();
  await testDb?.destroy();
});

describe(`revocation on ${BACKEND}`, () => {
  it('ends the revoked device’s printer stream at once and refuses its token on the next request', async () => {
    const [doomed, other] = devices as [{ id: string; token: string }, { id: string; token: string }];
    const s1 = await openPrinterStream(doomed.token);
    const s2 = await openPrinterStream(other.token);
    expect([s1.status, s2.status]).toEqual([200, 200]);
    await until(
      () => s1.text().includes('event: snapshot') && s2.text().includes('event: snapshot'),
      'snapshots',
    );

    let s1Ended = false;
    void s1.ended.then(() => (s1Ended = true));
    expect((await manager.request('POST', `/api/manage/devices/${doomed.id}/revoke`)).status).toBe(200);
    // Well before the 25 s re-check: the revocation event closes it.
    await until(() => s1Ended, 'the revoked stream to end');
    // The other device's stream is still open.
    let s2Ended = false;
    void s2.ended.then(() => (s2Ended = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(s2Ended).toBe(false);
    s2.abort();
    await s2.ended;

    const again = await openPrinterStream(doomed.token);
    expect(again.status).toBe(401);
    for (const [method, path, body] of [
      ['GET', '/api/printers/stream'],
      ['GET', '/api/sync/stream'],
      ['GET', '/api/sync/printers/pull?seq=0&limit=10'],
      ['GET', '/api/sync/counts'],
      ['POST', '/api/sync/printers/push', '[]'],
    ] as const) {
      const r = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${doomed.token}`, 'content-type': 'application/json' },
        body,
      });
      expect(r.status, path).toBe(401);
      expect(errorCode(await r.json()), path).toBe('device_revoked');
    }
  });
});
