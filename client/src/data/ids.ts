/**
 * A random RFC 4122 version-4 UUID. Built on `crypto.getRandomValues` rather than
 * `crypto.randomUUID` because the latter exists only in secure contexts, and a tablet may reach the
 * server at a plain `http://192.168.x.x` address before HTTPS is set up.
 */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
