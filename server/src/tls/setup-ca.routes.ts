import { X509Certificate } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import type { TlsMaterial } from './tls-store.ts';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** Per platform: where the CA goes (short; each OS version words its menus a little differently). */
const STEPS: [platform: string, steps: string[]][] = [
  [
    'Android',
    [
      'Tap <a href="/setup/ca.crt">Download the certificate</a>.',
      'Settings → Security &amp; privacy → More security settings → Encryption &amp; credentials → Install a certificate → <b>CA certificate</b> → Install anyway.',
      'Pick <code>printfloor-ca.crt</code> from Downloads.',
    ],
  ],
  [
    'iPad (iPadOS)',
    [
      'In <b>Safari</b>, tap <a href="/setup/ca.crt">Download the certificate</a> → Allow.',
      'Settings → <b>Profile Downloaded</b> → Install (enter the passcode) → Install.',
      'Settings → General → About → <b>Certificate Trust Settings</b> → switch on full trust for the Printfloor CA.',
    ],
  ],
  [
    'Windows',
    [
      '<a href="/setup/ca.crt">Download the certificate</a> and open <code>printfloor-ca.crt</code>.',
      'Install Certificate → Local Machine (or Current User) → Place all certificates in the following store → <b>Trusted Root Certification Authorities</b> → Finish.',
      'Restart the browser.',
    ],
  ],
  [
    'ChromeOS',
    [
      '<a href="/setup/ca.crt">Download the certificate</a>.',
      'Settings → Privacy and security → Security → Manage certificates → <b>Authorities</b> (or Local certificates → Custom) → Import.',
      'Pick <code>printfloor-ca.crt</code> and tick <b>Trust this certificate for identifying websites</b>.',
    ],
  ],
];

function page(tls: TlsMaterial, origin: string): string {
  const names = tls.names ? [...tls.names.dns, ...tls.names.ips] : [];
  const ca = tls.caCertPem ? new X509Certificate(tls.caCertPem) : null;
  const sections = STEPS.map(
    ([platform, steps]) =>
      `<section><h2>${platform}</h2><ol>${steps.map((s) => `<li>${s}</li>`).join('')}</ol></section>`,
  ).join('\n');
  const body = ca
    ? `<p>This Printfloor server made its own certificate authority (CA). Trust it once on each tablet, and
the browser accepts this server's address without a warning — which the app needs to install,
work offline and use the camera.</p>
<p><a class="btn" href="/setup/ca.crt" download="printfloor-ca.crt">Download the certificate</a></p>
<p class="small">Check on the tablet that the fingerprint (SHA-256) is<br><code>${esc(tls.caFingerprint ?? '')}</code><br>
CA: ${esc(ca.subject.replace(/\n/g, ', '))}, valid until ${esc(ca.validTo)}.</p>
${sections}
<h2>Then</h2><p>Open <a href="${esc(origin)}/">${esc(origin)}/</a> and install the app (browser menu → <b>Install app</b> or <b>Add to Home Screen</b>).</p>
<p class="small">The server certificate covers: ${names.map((n) => `<code>${esc(n)}</code>`).join(' ')}.
It is renewed automatically by the same CA; tablets never need to trust anything again.</p>`
    : `<p>This server uses a certificate you provided (TLS_CERT / TLS_KEY). If your tablets already trust its
issuer, there is nothing to install: open <a href="${esc(origin)}/">${esc(origin)}/</a> and install the app.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Printfloor — trust this server</title>
<style>body{font:18px/1.4 system-ui,sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#0b0f17}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.4em}code{word-break:break-all;background:#eef0f3;padding:0 4px}
.btn{display:inline-block;padding:14px 22px;background:#c2410c;color:#fff;font-weight:800;border-radius:10px;text-decoration:none}
.small{font-size:.85rem;color:#374151}li{margin:.4em 0}</style></head>
<body><h1>Trust this Printfloor server</h1>${body}</body></html>`;
}

/**
 * `/setup/ca`: the page that tells how to trust the local CA on Android, iPadOS, Windows and
 * ChromeOS; `/setup/ca.crt` (PEM) and `/setup/ca.cer` (DER) are the CA itself. The CA is public:
 * no authentication. Its private key never leaves DATA_DIR/tls/.
 */
export function setupCaRoutes(tls: TlsMaterial): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/ca', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(page(tls, new URL(c.req.url).origin));
  });
  const caOr404 = () => {
    if (!tls.caCertPem)
      throw notFound('no_local_ca', 'this server uses a certificate you provided: no local CA');
    return tls.caCertPem;
  };
  app.get('/ca.crt', (c) => {
    const pem = caOr404();
    c.header('Content-Type', 'application/x-x509-ca-cert');
    c.header('Content-Disposition', 'attachment; filename="printfloor-ca.crt"');
    return c.body(pem);
  });
  app.get('/ca.cer', (c) => {
    const der = new X509Certificate(caOr404()).raw;
    c.header('Content-Type', 'application/pkix-cert');
    c.header('Content-Disposition', 'attachment; filename="printfloor-ca.cer"');
    return c.body(new Uint8Array(der));
  });
  return app;
}
