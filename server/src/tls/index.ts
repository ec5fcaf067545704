import { hostname, networkInterfaces } from 'node:os';
import { localNames } from './local-names.ts';
import { loadTls, type TlsMaterial } from './tls-store.ts';

export type { TlsMaterial } from './tls-store.ts';
export { setupCaRoutes } from './setup-ca.routes.ts';

/**
 * HTTPS for the shop LAN (issue 9): the user's certificate files when given, else the local CA
 * under DATA_DIR/tls/ with a server certificate for this machine's current names and addresses.
 */
export function prepareTls(opts: {
  dataDir: string;
  certFile?: string | undefined;
  keyFile?: string | undefined;
}): Promise<TlsMaterial> {
  const host = hostname();
  return loadTls({ ...opts, hostname: host, names: localNames(host, networkInterfaces()) });
}

/** Startup lines: where tablets connect, and where they get the CA first. */
export function tlsBanner(tls: TlsMaterial, port: number): string[] {
  const lines = [...tls.notes];
  if (tls.source === 'local-ca' && tls.names) {
    const hosts = [
      ...tls.names.ips.filter((ip) => !ip.startsWith('127.') && ip !== '::1' && !ip.includes(':')),
      ...tls.names.dns.filter((d) => d !== 'localhost'),
    ];
    for (const h of hosts)
      lines.push(`Tablets: https://${h}:${port}/ — trust the CA first: https://${h}:${port}/setup/ca`);
    lines.push(`CA fingerprint (SHA-256): ${tls.caFingerprint ?? ''}`);
  }
  lines.push(
    `Server certificate valid until ${tls.notAfter.toISOString().slice(0, 10)}; SPKI SHA-256 ${tls.spkiSha256}`,
  );
  return lines;
}
