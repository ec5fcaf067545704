import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The caller's IP as the socket saw it (rate-limit keys, audit). Forwarded headers are ignored on
 * purpose: Printfloor is served directly on the shop LAN, and trusting them would let anyone pick
 * their own rate-limit key. Requests that did not come through a socket (tests' app.request) → 'local'.
 */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
