import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as apiRequest } from 'playwright-core';
import { MemoryKeyValue } from '../../client/src/floor/key-value.ts';
import { PinStore } from '../../client/src/floor/pin.ts';
import { ServerPins, type FetchLike } from '../../client/src/floor/pin-server.ts';
import { pullAll } from '../support/api.ts';
import {
  disposeServer,
  newServerEnv,
  startServer,
  type ServerEnv,
  type TestServer,
} from '../support/server.ts';
import { createFirstAdmin, signInContext } from './accounts-support.ts';

/**
 * The tablet's PIN client (client/src/floor/pin-server.ts) against the real server: online the
 * server decides (and its verdicts win); with the network down, the PIN last accepted on this
 * tablet still works from the cached verifier; a manager's reset reaches the tablet when online.
 */

let env: ServerEnv | null = null;
let server: TestServer | null = null;
const ADMIN = { email: 'admin@pins.example', password: 'pins admin password' };
/** What `fetch` does with the Wi-Fi down. */
const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));

beforeAll(async () => {
  // Its own embedded database: PINs set by an earlier run on a shared Postgres would change the answers.
  env = await newServerEnv({ databaseUrl: '' });
  server = await startServer(env, { demo: true });
  await createFirstAdmin(server, ADMIN.email, ADMIN.password);
});
afterAll(async () => disposeServer(server, env));

describe('operator PINs on a tablet, online and offline', () => {
  it('caches the PIN the server accepted, uses it offline, and lets the server win online', async () => {
    const { url, demoToken } = server!;
    const token = demoToken!;
    const people = (await pullAll(url, token, 'people')).filter((p) => p.active) as { id: string }[];
    const [ann, bob] = people;
    expect(bob).toBeTruthy();
    const kv = new MemoryKeyValue();
    const store = new PinStore(kv, 'demo');
    const online = new ServerPins(store, kv, 'demo', { baseUrl: url, token });
    const cut = new ServerPins(store, kv, 'demo', { baseUrl: url, token, fetch: offline });

    // Setting a PIN needs the server.
    expect(await cut.set(ann!.id, '1357')).toMatchObject({ ok: false, reason: 'offline' });
    expect(await online.set(ann!.id, '1357')).toEqual({ ok: true });
    expect(online.hasOnServer(ann!.id)).toBe(true);
    expect(await online.verify(ann!.id, '1357')).toEqual({ ok: true, offline: false });

    // Offline: the cached verifier answers, with this tablet's own count.
    expect(await cut.verify(ann!.id, '1357')).toEqual({ ok: true, offline: true });
    expect(await cut.verify(ann!.id, '0000')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: 4,
      offline: true,
    });
    // Someone never verified on this tablet cannot use a PIN offline (the badge still works).
    expect(await cut.verify(bob!.id, '1357')).toEqual({ ok: false, reason: 'no-pin', offline: true });

    // Another tablet changes Ann's PIN: online the server's answer wins at once…
    const other = new ServerPins(new PinStore(new MemoryKeyValue(), 'demo'), new MemoryKeyValue(), 'demo', {
      baseUrl: url,
      token,
    });
    expect(await other.set(ann!.id, '2468')).toMatchObject({ ok: false, reason: 'current-required' });
    expect(await other.set(ann!.id, '2468', '1357')).toEqual({ ok: true });
    expect(await online.verify(ann!.id, '1357')).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: 4,
      offline: false,
    });
    // …while offline this tablet still knows only the old one (the documented trade-off).
    expect((await cut.verify(ann!.id, '1357')).ok).toBe(true);
    expect(await online.verify(ann!.id, '2468')).toEqual({ ok: true, offline: false });
    expect((await cut.verify(ann!.id, '2468')).ok).toBe(true);

    // A manager resets Ann's PIN: back online, the tablet drops its cached verifier.
    const manager = await apiRequest.newContext();
    const csrf = await signInContext(manager, url, ADMIN.email, ADMIN.password);
    const reset = await manager.delete(`${url}/api/manage/pins/${ann!.id}`, {
      headers: { 'x-printfloor-csrf': csrf },
    });
    expect(reset.status()).toBe(200);
    await manager.dispose();
    expect(await online.refresh()).toBe(true);
    expect(online.has(ann!.id)).toBe(false);
    expect(await cut.verify(ann!.id, '2468')).toEqual({ ok: false, reason: 'no-pin', offline: true });
    expect(await online.verify(ann!.id, '2468')).toEqual({ ok: false, reason: 'no-pin', offline: false });
  });
});
