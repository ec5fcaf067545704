import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { coversAll, localNames } from './local-names.ts';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({
    address,
    family,
    internal,
    netmask: '',
    mac: '',
    cidr: null,
    ...(family === 'IPv6' ? { scopeid: 0 } : {}),
  }) as NetworkInterfaceInfo;

describe('localNames', () => {
  it('covers localhost, the host name with its .local form, loopback and every LAN address', () => {
    const names = localNames('Farm-PC', {
      lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
      wlan0: [
        iface('192.168.1.20', 'IPv4'),
        iface('fe80::1c2b:3aff:fe4d:5e6f', 'IPv6'),
        iface('fd00::20', 'IPv6'),
      ],
      eth0: [iface('10.0.0.5', 'IPv4')],
    });
    expect(names.dns).toEqual(['farm-pc', 'farm-pc.local', 'localhost']);
    expect(names.ips).toEqual(['10.0.0.5', '127.0.0.1', '192.168.1.20', '::1', 'fd00::20']);
  });

  it('leaves out a host name a certificate cannot carry', () => {
    expect(localNames('bad name!', {}).dns).toEqual(['localhost']);
    expect(localNames('shop.example.com', {}).dns).toEqual(['localhost', 'shop.example.com']);
  });

  it('asks for a new certificate when the machine gets a new address', () => {
    const before = localNames('pc', { eth0: [iface('192.168.1.20', 'IPv4')] });
    const after = localNames('pc', { eth0: [iface('192.168.1.77', 'IPv4')] });
    expect(coversAll(before, before)).toBe(true);
    expect(coversAll(before, after)).toBe(false);
    expect(coversAll(after, localNames('pc', {}))).toBe(true);
  });
});
