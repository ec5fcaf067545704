import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../../src/relay/relay.ts';
import type { PrinterConfig } from '../../src/relay/relay.types.ts';
import { FakeBambuPrinter, makePki, type Pki } from './fake-bambu-printer.ts';
import { fixture, memoryLogger, statusOf, TENANT, waitFor } from './relay-helpers.ts';

const SERIAL = '01S00C123456789';
const CODE = '12345678';

/** Starts a relay (embedded broker, no TCP) that knows one direct Bambu printer. */
async function relayFor(cfg: Partial<PrinterConfig> & { port: number }) {
  const logger = memoryLogger();
  const printer: PrinterConfig = {
    tenantId: TENANT,
    code: 'PR-X1',
    protocol: 'bambu',
    serial: SERIAL,
    model: 'X1C',
    host: '127.0.0.1',
    accessCode: CODE,
    ...cfg,
  };
  const relay = await startRelay({
    logger,
    printers: () => Promise.resolve([printer]),
    brokerPort: null,
    reconnect: { minMs: 100, maxMs: 400 },
    pushallMinIntervalMs: 0,
  });
  const bambuLink = () => relay.links().find((l) => l.name === 'bambu:PR-X1');
  return { relay, logger, bambuLink };
}

describe('Bambu direct connection over TLS', () => {
  let pki: Pki;
  let printer: FakeBambuPrinter;

  beforeAll(async () => {
    pki = makePki(SERIAL);
    printer = await new FakeBambuPrinter(SERIAL, CODE, pki, fixture('bambu-hms-error-running.json')).start();
  });
  afterAll(() => printer?.stop());

  it('verifies the printer against the configured CA with servername = serial, logs in as bblp, asks pushall', async () => {
    const { relay, bambuLink } = await relayFor({ port: printer.port, ca: pki.caCert });
    try {
      const s = await statusOf(relay, 'PR-X1', (x) => x.state === 'printing');
      expect(s).toMatchObject({ progress: 22, jobName: 'CyberBrick Gridfinity Organizer Box' });
      expect(bambuLink()).toMatchObject({ connected: true, lastError: null });
      expect(printer.logins.at(-1)).toEqual({ username: 'bblp', ok: true });
      expect(printer.requests.map((r) => Object.keys(JSON.parse(r) as object)[0])).toEqual([
        'info',
        'pushing',
      ]);
    } finally {
      await relay.close();
    }
  });

  it('a certificate not signed by the trusted CA is refused and reported (also with the default Bambu CA)', async () => {
    const otherCa = makePki(SERIAL, 'Someone Else CA').caCert;
    for (const ca of [otherCa, undefined]) {
      const loginsBefore = printer.logins.length;
      const { relay, logger, bambuLink } = await relayFor({ port: printer.port, ...(ca ? { ca } : {}) });
      try {
        const link = await waitFor(() => bambuLink()?.lastError ?? undefined, 5000, 'tls error');
        expect(link.kind).toBe('tls');
        expect(bambuLink()?.connected).toBe(false);
        expect(relay.snapshot()[0]?.status.state).toBe('offline');
        expect(printer.logins.length).toBe(loginsBefore); // the access code never reached the impostor
        expect(logger.lines.some((l) => l.level === 'warn' && l.msg === 'mqtt tls error')).toBe(true);
        expect(relay.metrics().connectionErrors).toBeGreaterThan(0);
      } finally {
        await relay.close();
      }
    }
  });

  it('a certificate for another serial is refused (servername is checked)', async () => {
    const { relay, bambuLink } = await relayFor({
      port: printer.port,
      ca: pki.caCert,
      serial: '01S00C999999999',
    });
    try {
      const err = await waitFor(() => bambuLink()?.lastError ?? undefined, 5000, 'tls error');
      expect(err).toMatchObject({ kind: 'tls' });
      expect(err.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
    } finally {
      await relay.close();
    }
  });

  it('a wrong access code is refused and reported as an auth error', async () => {
    const { relay, bambuLink, logger } = await relayFor({
      port: printer.port,
      ca: pki.caCert,
      accessCode: 'wrong',
    });
    try {
      const err = await waitFor(() => bambuLink()?.lastError ?? undefined, 5000, 'auth error');
      expect(err.kind).toBe('auth');
      expect(printer.logins.at(-1)).toEqual({ username: 'bblp', ok: false });
      expect(relay.snapshot()[0]?.status.state).toBe('offline');
      // Retries back off and the log says it once, not once per retry.
      await waitFor(() => printer.logins.filter((l) => !l.ok).length >= 3, 5000, 'retries');
      expect(logger.lines.filter((l) => l.msg === 'mqtt auth error')).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('a printer that drops off is offline at once, and comes back with a fresh full report', async () => {
    const { relay, bambuLink } = await relayFor({ port: printer.port, ca: pki.caCert });
    try {
      await statusOf(relay, 'PR-X1', (x) => x.state === 'printing');
      const port = printer.port;
      await printer.stop();
      const off = await statusOf(relay, 'PR-X1', (x) => x.state === 'offline', 5000);
      expect(off.stateDetail).toMatch(/connection closed/);
      expect(off.jobName).toBe('CyberBrick Gridfinity Organizer Box'); // what was known stays visible
      printer = new FakeBambuPrinter(SERIAL, CODE, pki, fixture('bambu-x1c-full-ams.json'));
      await printer.start(port);
      await statusOf(relay, 'PR-X1', (x) => x.state === 'finished', 10_000);
      expect(bambuLink()?.connected).toBe(true);
      expect(relay.metrics().reconnects).toBeGreaterThan(0);
    } finally {
      await relay.close();
    }
  });
});
