import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { BrowserContext } from 'playwright-core';
import { AppShell } from '../page-models/app-shell.ts';
import { chromiumAvailable } from '../support/chromium.ts';
import { CLIENT_DIST } from '../support/paths.ts';
import { disposeServer, newServerEnv, startServer } from '../support/server.ts';
import type { ServerEnv, TestServer } from '../support/server.ts';
import { activeWorkerState, installability, launchPersistent, waitForController } from './support/browser.ts';
import { openHome } from './support/app.ts';

const hasChromium = chromiumAvailable();

/** A GET over TLS that trusts only `ca`; resolves with the status or rejects with the TLS error. */
function getWithCa(url: string, ca: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, rejectUnauthorized: true }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

/** Width × height of a PNG, from its IHDR chunk. */
function pngSize(file: string): string {
  const b = readFileSync(file);
  return `${b.readUInt32BE(16)}x${b.readUInt32BE(20)}`;
}

interface Manifest {
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; purpose?: string }[];
  screenshots: { src: string; sizes: string; form_factor?: string }[];
}

describe.skipIf(!hasChromium).each([
  { scheme: 'http', https: false },
  { scheme: 'https', https: true },
])('installable PWA over $scheme', ({ https }) => {
  let site: ServerEnv | null = null;
  let server: TestServer | null = null;
  // A real profile: Chromium refuses to install from an incognito-like context ("in-incognito").
  const profile = mkdtempSync(join(tmpdir(), 'printfloor-profile-'));
  let context: BrowserContext | null = null;

  beforeAll(async () => {
    site = await newServerEnv();
    // The HTTPS run checks the server's own local CA (not the e2e run's certificate), on the LAN too.
    server = await startServer(site, {
      demo: true,
      tls: https ? 'local-ca' : 'off',
      host: https ? '0.0.0.0' : '127.0.0.1',
    });
    context = await launchPersistent(profile, server.spki);
  });

  afterAll(async () => {
    await context?.close();
    await disposeServer(server, site);
    rmSync(profile, { recursive: true, force: true });
  });

  // Over HTTPS only (registered only there, so the HTTP run has no skipped test).
  if (https)
    it('answers over TLS with a certificate that verifies against its own CA, for localhost and the LAN address', async () => {
      const ca = readFileSync(join(site!.dataDir, 'tls', 'ca.cert.pem'), 'utf8');
      const port = new URL(server!.url).port;
      // The CA as a tablet downloads it from /setup/ca.crt is the one on disk.
      const served = await new Promise<string>((resolve, reject) => {
        request(`https://localhost:${port}/setup/ca.crt`, { ca }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(body));
        })
          .on('error', reject)
          .end();
      });
      expect(served).toBe(ca);
      expect(await getWithCa(`https://localhost:${port}/api/health`, ca)).toBe(200);
      expect(await getWithCa(`https://127.0.0.1:${port}/api/health`, ca)).toBe(200);
      const lan = lanAddress();
      if (lan) expect(await getWithCa(`https://${lan}:${port}/api/health`, ca)).toBe(200);
      // Without the CA the certificate is refused: the trust really comes from the local CA.
      await expect(getWithCa(`https://localhost:${port}/api/health`, undefined)).rejects.toThrow(
        /certificate|self.signed|issuer/i,
      );
      // The trust page explains every tablet platform.
      const page = await context!.newPage();
      await page.goto(`${server!.url}/setup/ca`);
      for (const platform of ['Android', 'iPad', 'Windows', 'ChromeOS']) {
        await expect(page.getByRole('heading', { name: new RegExp(platform) }).count()).resolves.toBe(1);
      }
      await page.close();
    });

  it('serves a valid manifest, activates the service worker and has no installability errors', async () => {
    const page = await context!.newPage();
    try {
      await openHome(page, server!.enrolUrl!);
      expect(await activeWorkerState(page)).toBe('activated');
      await waitForController(page);
      await new AppShell(page).waitForSync('synced');

      const inst = await installability(page);
      expect(inst.errors, JSON.stringify(inst.errors)).toEqual([]);
      expect(inst.manifestErrors).toEqual([]);
      expect(inst.manifestUrl).toMatch(/\/manifest\.webmanifest$/);

      // Fetched by the page itself (it trusts the server's certificate, Node's request API would not).
      const manifest = JSON.parse(
        await page.evaluate(async (u) => (await fetch(u)).text(), inst.manifestUrl),
      ) as Manifest;
      expect(manifest).toMatchObject({
        name: 'Printfloor',
        short_name: 'Printfloor',
        start_url: '/',
        scope: '/',
        display: 'standalone',
      });
      expect(manifest.description.length).toBeGreaterThan(20);
      expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
      const icons = manifest.icons.map((i) => `${i.sizes}:${i.purpose ?? 'any'}`);
      expect(icons).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
      // Every icon and screenshot is served and really has the size the manifest declares.
      for (const img of [...manifest.icons, ...manifest.screenshots]) {
        expect(await page.evaluate(async (u) => (await fetch(u)).status, img.src), img.src).toBe(200);
        expect(pngSize(join(CLIENT_DIST, img.src)), img.src).toBe(img.sizes);
      }
      expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'narrow', 'wide']);

      // Nothing from /api is in any cache the worker keeps, although the app has synced through it.
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) {
          for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
        }
        return urls;
      });
      expect(cached.length).toBeGreaterThan(5);
      expect(cached.filter((u) => new URL(u).pathname.startsWith('/api'))).toEqual([]);
      expect(cached.some((u) => new URL(u).pathname === '/index.html')).toBe(true);
    } finally {
      await page.close();
    }
  });
});
