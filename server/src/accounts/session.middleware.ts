import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/app-env.ts';
import { AppError, unauthorized } from '../http/errors.ts';
import type { AccountsService } from './accounts.service.ts';
import { roleAtLeast } from './roles.ts';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'pf_session';
export const CSRF_HEADER = 'x-printfloor-csrf';

export const forbidden = (code: string, message: string) => new AppError(403, code, message);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A cross-site request is refused when the browser says where it came from: `Origin` (or, failing
 * that, `Sec-Fetch-Site: cross-site`) must name this very host. Non-browser clients send neither.
 */
export function checkSameOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host === undefined || host !== c.req.header('host')) {
      throw forbidden('cross_origin', 'cross-origin requests are not accepted');
    }
  } else if (c.req.header('sec-fetch-site') === 'cross-site') {
    throw forbidden('cross_origin', 'cross-origin requests are not accepted');
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Requires a signed-in user of at least `min` role → `c.get('user')`. Cookie-authenticated writes
 * (any method but GET/HEAD/OPTIONS) must also come from this origin and carry the session's CSRF
 * token in `x-printfloor-csrf` (double submit: a cross-site form cannot read or set it).
 * No session → 401; session but role too low or CSRF missing → 403.
 */
export function requireRole(accounts: AccountsService, min: Role = 'operator'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const s = token ? await accounts.session(token) : undefined;
    if (!s) throw unauthorized('unauthenticated', 'sign in first');
    if (!SAFE_METHODS.has(c.req.method)) {
      checkSameOrigin(c);
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameSecret(sent, s.csrfToken)) {
        throw forbidden('csrf_failed', `missing or wrong ${CSRF_HEADER} header`);
      }
    }
    if (!roleAtLeast(s.user.role, min)) {
      throw forbidden('forbidden', `this needs the ${min} role or higher`);
    }
    c.set('user', {
      sessionId: s.sessionId,
      csrfToken: s.csrfToken,
      userId: s.user.id,
      email: s.user.email,
      role: s.user.role,
      tenantId: s.tenant.id,
      tenantSlug: s.tenant.slug,
      tenantName: s.tenant.name,
    });
    await next();
  };
}
