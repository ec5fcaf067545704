import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTls } from './tls-store.ts';
import type { LocalNames } from './local-names.ts';

const names: LocalNames = {
  dns: ['farm-pc', 'farm-pc.local', 'localhost'],
  ips: ['127.0.0.1', '192.168.1.20', '::1'],
};
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printfloor-tls-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the local CA', () => {
  it('creates a CA and a server certificate that verifies against it for every name', async () => {
    const tls = await loadTls({ dataDir: dir, names, hostname: 'farm-pc' });
    expect(tls.source).toBe('local-ca');
    const cert = new X509Certificate(tls.certPem);
    const ca = new X509Certificate(tls.caCertPem!);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    for (const host of names.dns) expect(cert.checkHost(host)).toBe(host);
    for (const ip of names.ips) expect(cert.checkIP(ip)).toBe(ip);
    expect(cert.checkHost('evil.example')).toBeUndefined();
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
    // Valid now (backdated for drifting tablet clocks) and for less than 398 days.
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(390);
    expect(days).toBeLessThan(398);
    expect(Date.parse(cert.validFrom)).toBeLessThan(Date.now() - 3_600_000);
    expect((await stat(join(dir, 'tls', 'ca.key.pem'))).mode & 0o077).toBe(0);
  });

  it('keeps the CA and the certificate across restarts, and reissues (same CA) for a new address', async () => {
    const first = await loadTls({ dataDir: dir, names, hostname: 'farm-pc' });
    const again = await loadTls({ dataDir: dir, names, hostname: 'farm-pc' });
    expect(again.notes).toEqual([]);
    expect(again.certPem).toBe(first.certPem);
    const moved: LocalNames = { ...names, ips: [...names.ips, '10.0.0.9'] };
    const reissued = await loadTls({ dataDir: dir, names: moved, hostname: 'farm-pc' });
    expect(reissued.caCertPem).toBe(first.caCertPem);
    expect(reissued.certPem).not.toBe(first.certPem);
    expect(reissued.notes.join()).toMatch(/new name or address/);
    expect(new X509Certificate(reissued.certPem).checkIP('10.0.0.9')).toBe('10.0.0.9');
  });

  it('renews a certificate close to expiry', async () => {
    const later = new Date(Date.now() + 380 * 86_400_000);
    const renewed = await loadTls({ dataDir: dir, names, hostname: 'farm-pc', now: later });
    expect(renewed.notes.join()).toMatch(/near expiry/);
  });

  it('serves the user’s own files when given, and refuses half a pair', async () => {
    const own = await loadTls({
      dataDir: dir,
      names,
      hostname: 'farm-pc',
      certFile: join(dir, 'tls', 'server.cert.pem'),
      keyFile: join(dir, 'tls', 'server.key.pem'),
    });
    expect(own.source).toBe('files');
    expect(own.caCertPem).toBeNull();
    expect(own.certPem).toBe(await readFile(join(dir, 'tls', 'server.cert.pem'), 'utf8'));
    await expect(loadTls({ dataDir: dir, names, hostname: 'x', certFile: 'a.pem' })).rejects.toThrow(
      /go together/,
    );
  });
});
