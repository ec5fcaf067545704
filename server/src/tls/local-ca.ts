import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { LocalNames } from './local-names.ts';

/**
 * A shop's own certificate authority and the server certificates it signs, made in pure JS:
 * node-forge builds and signs the X.509 structures, Node's crypto makes the keys. Pure JS runs the
 * same on the Windows or Mac PC a shop has at hand, where an `openssl` binary often is not; it has
 * no native build step and no global polyfill (@peculiar/x509 needs reflect-metadata loaded
 * process-wide). RSA 2048 + SHA-256: accepted by every tablet OS we target (Android, iPadOS,
 * ChromeOS, Windows), and forge signs only with RSA.
 */

export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

const DAY = 86_400_000;
/** The CA outlives many server certificates; tablets trust it once. */
const CA_DAYS = 3650;
/**
 * Server certificates: under 398 days, the most browsers accept for a TLS leaf (Apple caps
 * certificates from user-installed roots at 825 days, Chrome public ones at 398). They are reissued
 * at start well before expiry, by the same CA, so tablets never need to trust anything again.
 */
export const SERVER_DAYS = 397;
/** Tablet clocks drift; a certificate "not yet valid" by a few hours would lock a tablet out. */
const BACKDATE_MS = DAY;

function rsaKeyPair(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  keyPem: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    keyPem: privateKey,
  };
}

/** A positive 128-bit serial (X.509 serials are signed: clear the top bit). */
function serial(): string {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f;
  return b.toString('hex');
}

function validity(cert: forge.pki.Certificate, now: Date, days: number): void {
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY);
}

/** A new CA, named after the machine so a tablet's trust list says which server it is for. */
export function createCa(hostname: string, now = new Date()): KeyAndCert {
  const { privateKey, publicKey, keyPem } = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  validity(cert, now, CA_DAYS);
  const name = [
    {
      name: 'commonName',
      value: `Printfloor local CA (${hostname || 'server'}) ${now.toISOString().slice(0, 10)}`,
    },
    { name: 'organizationName', value: 'Printfloor' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    // May sign server certificates, not other CAs (pathlen 0); Android requires the critical flag.
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** A server certificate for every name and address in `names`, signed by `ca`. */
export function issueServerCert(ca: KeyAndCert, names: LocalNames, now = new Date()): KeyAndCert {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const { publicKey, keyPem } = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  validity(cert, now, SERVER_DAYS);
  const host = names.dns.find((n) => n !== 'localhost') ?? 'localhost';
  cert.setSubject([
    { name: 'commonName', value: host },
    { name: 'organizationName', value: 'Printfloor' },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    // iPadOS refuses a TLS certificate without the serverAuth extended key usage.
    { name: 'extKeyUsage', serverAuth: true },
    // Browsers match names only against subjectAltName (the CN is ignored).
    {
      name: 'subjectAltName',
      altNames: [
        ...names.dns.map((value) => ({ type: 2, value })),
        ...names.ips.map((ip) => ({ type: 7, ip })),
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/**
 * base64(SHA-256(SubjectPublicKeyInfo)) of a certificate: what Chromium's
 * `--ignore-certificate-errors-spki-list` and HTTP public-key pinning take.
 */
export function spkiSha256(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** The SHA-256 fingerprint as tablets' certificate screens show it (AB:CD:…). */
export function fingerprint256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
