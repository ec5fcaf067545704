import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { payloadTooLarge } from './errors.ts';

/**
 * The Content-Security-Policy the PWA runs under (issue 7): only this origin's scripts, workers and
 * connections; images also from data:/blob: (QR codes, camera frames); inline styles are allowed
 * because React's `style` props and the QR scanner set them (no inline script is). Nothing may
 * frame the app.
 */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Secure headers on every response. No HSTS: a shop may serve plain HTTP on one box and HTTPS on
 * another under the same LAN name, and a pinned HSTS entry would lock tablets out of the first.
 * The camera stays usable by this origin (QR scanning); everything else powerful is off.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CSP,
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'same-origin',
    permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [], usb: [], payment: [] },
  });
}

/** No API body may exceed this (the largest legitimate one is a sync push batch). */
export const MAX_API_BODY_BYTES = 16 * 1024 * 1024;

export const apiBodyLimit = bodyLimit({
  maxSize: MAX_API_BODY_BYTES,
  onError: () => {
    throw payloadTooLarge(`a request body holds at most ${MAX_API_BODY_BYTES} bytes`);
  },
});
