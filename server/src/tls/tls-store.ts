import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, fingerprint256, issueServerCert, spkiSha256, type KeyAndCert } from './local-ca.ts';
import { coversAll, type LocalNames } from './local-names.ts';

/** What the HTTPS server needs, and what /setup/ca shows. */
export interface TlsMaterial {
  keyPem: string;
  certPem: string;
  /** `files`: the user's own certificate (TLS_CERT/TLS_KEY); `local-ca`: made and kept here. */
  source: 'files' | 'local-ca';
  /** The CA tablets must trust (local-ca only). */
  caCertPem: string | null;
  caFingerprint: string | null;
  /** Names and addresses the server certificate covers (local-ca only). */
  names: LocalNames | null;
  /** base64 SHA-256 of the server certificate's public key (Chromium's SPKI allow-list format). */
  spkiSha256: string;
  notAfter: Date;
  /** What happened at this start, for the log: created the CA, reissued the server cert… */
  notes: string[];
}

export interface LoadTlsOptions {
  /** The server's DATA_DIR: the local CA lives in `<dataDir>/tls/`. */
  dataDir: string;
  /** The user's own certificate chain and key (PEM files). Both or neither. */
  certFile?: string | undefined;
  keyFile?: string | undefined;
  /** What the certificate must cover now (local-names.ts). */
  names: LocalNames;
  hostname: string;
  now?: Date;
}

/** Reissue the server certificate when it has less than this left. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

const files = (dataDir: string) => {
  const dir = join(dataDir, 'tls');
  return {
    dir,
    caKey: join(dir, 'ca.key.pem'),
    caCert: join(dir, 'ca.cert.pem'),
    key: join(dir, 'server.key.pem'),
    cert: join(dir, 'server.cert.pem'),
    names: join(dir, 'server.names.json'),
  };
};

/** Private keys are readable by the server's user only. */
async function writeSecret(path: string, pem: string): Promise<void> {
  await writeFile(path, pem, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function readPair(keyPath: string, certPath: string): Promise<KeyAndCert | null> {
  if (!existsSync(keyPath) || !existsSync(certPath)) return null;
  return { keyPem: await readFile(keyPath, 'utf8'), certPem: await readFile(certPath, 'utf8') };
}

/**
 * The TLS key and certificate to serve. With TLS_CERT/TLS_KEY, the user's files as they are. Else
 * the local CA under `<dataDir>/tls/` (created on first use, then kept: tablets trust it once),
 * and a server certificate it signed, reissued when a name or address of this machine is not
 * covered (a new DHCP lease), when it is near expiry, or when it was not signed by this CA.
 */
export async function loadTls(opts: LoadTlsOptions): Promise<TlsMaterial> {
  if (opts.certFile || opts.keyFile) return loadUserFiles(opts);
  const now = opts.now ?? new Date();
  const f = files(opts.dataDir);
  const notes: string[] = [];
  await mkdir(f.dir, { recursive: true, mode: 0o700 });

  let ca = await readPair(f.caKey, f.caCert);
  if (!ca) {
    ca = createCa(opts.hostname, now);
    await writeSecret(f.caKey, ca.keyPem);
    await writeFile(f.caCert, ca.certPem);
    notes.push(`created a local certificate authority in ${f.dir}`);
  }

  let server = await readPair(f.key, f.cert);
  let issuedFor = existsSync(f.names) ? (JSON.parse(await readFile(f.names, 'utf8')) as LocalNames) : null;
  const reason = server ? reissueReason(server, ca, issuedFor, opts.names, now) : 'none yet';
  if (!server || reason) {
    server = issueServerCert(ca, opts.names, now);
    await writeSecret(f.key, server.keyPem);
    await writeFile(f.cert, server.certPem);
    await writeFile(f.names, JSON.stringify(opts.names, null, 2));
    issuedFor = opts.names;
    notes.push(
      `issued a server certificate (${reason ?? 'renewed'}) for ${[...opts.names.dns, ...opts.names.ips].join(', ')}`,
    );
  }
  return {
    keyPem: server.keyPem,
    certPem: server.certPem,
    source: 'local-ca',
    caCertPem: ca.certPem,
    caFingerprint: fingerprint256(ca.certPem),
    names: issuedFor,
    spkiSha256: spkiSha256(server.certPem),
    notAfter: new Date(new X509Certificate(server.certPem).validTo),
    notes,
  };
}

/** Why the kept server certificate cannot be served as it is, or null when it can. */
export function reissueReason(
  server: KeyAndCert,
  ca: KeyAndCert,
  issuedFor: LocalNames | null,
  wanted: LocalNames,
  now: Date,
): string | null {
  const cert = new X509Certificate(server.certPem);
  const caCert = new X509Certificate(ca.certPem);
  if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) return 'not signed by the current CA';
  if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_MS) return 'near expiry';
  if (!issuedFor || !coversAll(issuedFor, wanted)) return 'a new name or address';
  return null;
}

async function loadUserFiles(opts: LoadTlsOptions): Promise<TlsMaterial> {
  if (!opts.certFile || !opts.keyFile)
    throw new Error('TLS_CERT and TLS_KEY go together: set both, or neither for a local CA');
  const [certPem, keyPem] = await Promise.all([
    readFile(opts.certFile, 'utf8'),
    readFile(opts.keyFile, 'utf8'),
  ]);
  const cert = new X509Certificate(certPem);
  return {
    keyPem,
    certPem,
    source: 'files',
    caCertPem: null,
    caFingerprint: null,
    names: null,
    spkiSha256: spkiSha256(certPem),
    notAfter: new Date(cert.validTo),
    notes: [`serving the certificate in ${opts.certFile}`],
  };
}
