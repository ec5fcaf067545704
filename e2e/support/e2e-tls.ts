import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `PRINTFLOOR_E2E_HTTPS=1` runs the whole e2e suite over HTTPS (issue 9: "the e2e suite passes once
 * against it"). The global setup makes one throw-away CA and a server certificate for localhost and
 * 127.0.0.1 with openssl; every test server gets it as TLS_CERT/TLS_KEY (the server's own TLS path);
 * the test processes trust the CA through NODE_EXTRA_CA_CERTS (verification stays on), and Chromium
 * through `--ignore-certificate-errors-spki-list` (CHROMIUM_ARGS). The local-CA generation itself
 * is tested by e2e/pwa/installable.test.ts.
 */
export const E2E_HTTPS = process.env.PRINTFLOOR_E2E_HTTPS === '1';

export interface E2eTls {
  cert: string;
  key: string;
  ca: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo (Chromium's allow-list format). */
  spki: string;
}

/** The certificate files the global setup made, as the workers see them (through the environment). */
export function e2eTls(): E2eTls | null {
  const cert = process.env.PRINTFLOOR_E2E_TLS_CERT;
  const key = process.env.PRINTFLOOR_E2E_TLS_KEY;
  const ca = process.env.PRINTFLOOR_E2E_TLS_CA;
  const spki = process.env.PRINTFLOOR_E2E_TLS_SPKI;
  return cert && key && ca && spki ? { cert, key, ca, spki } : null;
}

export function spkiOf(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** Makes the CA and certificate and publishes them to the workers' environment (global setup). */
export function setUpE2eTls(): E2eTls {
  const dir = mkdtempSync(join(tmpdir(), 'printfloor-e2e-tls-'));
  const f = (name: string) => join(dir, name);
  const ossl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  ossl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '3',
    '-subj',
    '/CN=Printfloor e2e CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  ossl('req', ...ec, '-keyout', f('key.pem'), '-out', f('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(
    f('server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  ossl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('cert.pem'),
    '-days',
    '3',
    '-extfile',
    f('server.ext'),
  );
  const tls: E2eTls = {
    cert: f('cert.pem'),
    key: f('key.pem'),
    ca: f('ca.pem'),
    spki: spkiOf(readFileSync(f('cert.pem'), 'utf8')),
  };
  process.env.PRINTFLOOR_E2E_TLS_CERT = tls.cert;
  process.env.PRINTFLOOR_E2E_TLS_KEY = tls.key;
  process.env.PRINTFLOOR_E2E_TLS_CA = tls.ca;
  process.env.PRINTFLOOR_E2E_TLS_SPKI = tls.spki;
  // Read by Node at start: the forked test workers trust the CA, with verification left on.
  process.env.NODE_EXTRA_CA_CERTS = tls.ca;
  return tls;
}
