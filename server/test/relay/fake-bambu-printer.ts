import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';

export interface Pki {
  caCert: string;
  /** Server certificate with CN = the serial, signed by the CA, and its key. */
  cert: string;
  key: string;
}

/**
 * A CA and a printer certificate the way Bambu makes them: CN = the printer's serial, no
 * subjectAltName. Made with the openssl CLI for each test run.
 */
export function makePki(serial: string, caName = 'Test BBL CA'): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'pf-pki-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    run(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      `/CN=${caName}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    run('req', ...ec, '-keyout', 'printer.key', '-out', 'printer.csr', '-subj', `/CN=${serial}`);
    run(
      'x509',
      '-req',
      '-in',
      'printer.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'printer.crt',
      '-days',
      '2',
    );
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return { caCert: read('ca.crt'), cert: read('printer.crt'), key: read('printer.key') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A stand-in for a Bambu printer's own broker: MQTT over TLS, user `bblp` with the access code,
 * answering `pushall` on `device/<serial>/request` with a full report on `device/<serial>/report`.
 */
export class FakeBambuPrinter {
  readonly logins: { username: string | undefined; ok: boolean }[] = [];
  readonly requests: string[] = [];
  private aedes!: Aedes;
  private server!: Server;
  port = 0;

  constructor(
    readonly serial: string,
    private readonly accessCode: string,
    private readonly pki: Pki,
    private report: string,
  ) {}

  async start(port = 0): Promise<this> {
    this.aedes = await Aedes.createBroker({
      authenticate: (_client, username, password, done) => {
        const ok = username === 'bblp' && password?.toString() === this.accessCode;
        this.logins.push({ username, ok });
        if (ok) done(null, true);
        else done(Object.assign(new Error('bad user name or password'), { returnCode: 4 as const }), false);
      },
    });
    this.aedes.on('publish', (packet, client) => {
      if (!client || packet.topic !== `device/${this.serial}/request`) return;
      const text = packet.payload.toString();
      this.requests.push(text);
      if (text.includes('pushall')) this.publish(this.report);
    });
    this.server = createServer({ key: this.pki.key, cert: this.pki.cert }, (socket: TLSSocket) =>
      this.aedes.handle(socket),
    );
    this.server.on('tlsClientError', () => undefined); // a refused client is the test's point, not an error here
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', r));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    return this;
  }

  setReport(report: string): void {
    this.report = report;
  }

  publish(report: string): void {
    this.aedes.publish(
      {
        cmd: 'publish',
        topic: `device/${this.serial}/report`,
        payload: Buffer.from(report),
        qos: 0,
        retain: false,
        dup: false,
      },
      () => undefined,
    );
  }

  /** Drops every connection and stops listening (the printer was switched off). */
  async stop(): Promise<void> {
    await new Promise<void>((r) => this.aedes.close(() => r()));
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
