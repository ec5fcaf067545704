import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpDemo } from '../src/demo/demo-tenant.ts';
import { Api } from './helpers/api.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { BACKEND } from './helpers/test-db.ts';

let h: Harness;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'printfloor-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Printfloor</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Printfloor"}');
  h = await startHarness({ clientDist: dist });
});
afterAll(async () => {
  await h?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe(`the app on ${BACKEND}`, () => {
  it('serves the built client, hashed assets cached for good, and index.html for client-side routes', async () => {
    const api = new Api(h.server.url, undefined);
    const root = await api.request('GET', '/');
    expect(root.status).toBe(200);
    expect(root.body).toContain('<div id="root">');
    expect(root.headers.get('cache-control')).toBe('no-cache');
    const asset = await api.request('GET', '/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
    for (const route of ['/enrol', '/q/spool/SP-0001', '/floor/printers/PR-003']) {
      const r = await api.request('GET', route);
      expect(r.status, route).toBe(200);
      expect(r.body, route).toContain('<div id="root">');
    }
    // The API never falls back to the page: unknown API paths get the JSON error envelope.
    const missing = await api.request('GET', '/api/unknown');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
    expect(h.server.app.servesClient).toBe(true);
  });

  it('--demo: creates the demo tenant, seeds it once (through the sync path), and enrols a working device each time', async () => {
    const first = await setUpDemo(h.db.orm, h.server.app.sync, new Date('2026-05-04T09:30:00Z'));
    expect(first.seeded?.conflicts).toBe(0);
    expect(first.seeded?.counts.work_orders).toBe(25);
    const api = new Api(h.server.url, first.token);
    const me = await api.request('GET', '/api/me');
    expect(me.body).toMatchObject({ tenant: { slug: 'demo' } });
    const wos = await api.pullAll('work_orders');
    expect(wos.documents).toHaveLength(25);
    expect((await api.pullAll('spools')).documents).toHaveLength(40);
    expect((await api.pullAll('printers')).documents).toHaveLength(12);

    const second = await setUpDemo(h.db.orm, h.server.app.sync, new Date('2026-05-05T09:30:00Z'));
    expect(second.seeded).toBeUndefined(); // not empty any more: left as it is
    expect(second.token).not.toBe(first.token);
    expect((await new Api(h.server.url, second.token).pullAll('work_orders')).checkpoint).toEqual(
      wos.checkpoint,
    );
  });
});
