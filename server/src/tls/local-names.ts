import type { NetworkInterfaceInfo } from 'node:os';

/** The names a tablet may use to reach this machine: what the server certificate must cover. */
export interface LocalNames {
  /** DNS names: localhost, the host name, and its mDNS form (`<host>.local`). */
  dns: string[];
  /** IP addresses: loopback and every LAN address of every interface. */
  ips: string[];
}

/**
 * Pure (os.hostname() and os.networkInterfaces() are passed in), so it is tested without a network.
 * IPv6 link-local addresses (fe80::/10) are left out: they need a zone id no browser URL carries.
 */
export function localNames(hostname: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): LocalNames {
  const dns = new Set<string>(['localhost']);
  const host = hostname.trim().toLowerCase();
  if (host && /^[a-z0-9.-]+$/.test(host) && host !== 'localhost') {
    dns.add(host);
    if (!host.includes('.')) dns.add(`${host}.local`);
  }
  const ips = new Set<string>(['127.0.0.1', '::1']);
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.family === 'IPv6' && /^fe[89ab]/i.test(a.address)) continue;
      ips.add(a.address);
    }
  }
  return { dns: [...dns].sort(), ips: [...ips].sort() };
}

/** Whether `covered` includes every name in `wanted` (the certificate need not be reissued). */
export function coversAll(covered: LocalNames, wanted: LocalNames): boolean {
  const have = new Set([...covered.dns, ...covered.ips].map((n) => n.toLowerCase()));
  return [...wanted.dns, ...wanted.ips].every((n) => have.has(n.toLowerCase()));
}
