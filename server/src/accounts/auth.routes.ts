import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { AppError, fromZod, payloadTooLarge, unauthorized } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { AccountError, emailSchema, passwordSchema } from './accounts.service.ts';
import type { AccountsService, NewSession } from './accounts.service.ts';
import type { BrowserDevicesService } from './browser-devices.service.ts';
import { RateLimiter } from './rate-limit.ts';
import { checkSameOrigin, requireRole, SESSION_COOKIE } from './session.middleware.ts';

/** Small JSON bodies only on the account endpoints. */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

export const authBodyLimit = bodyLimit({
  maxSize: MAX_AUTH_BODY_BYTES,
  onError: () => {
    throw payloadTooLarge(`at most ${MAX_AUTH_BODY_BYTES} bytes`);
  },
});

/** Sign-in throttles: per IP and email (guessing one password), and per IP (spraying many accounts). */
export interface AuthLimits {
  perAccount: RateLimiter;
  perIp: RateLimiter;
}

export const defaultAuthLimits = (): AuthLimits => ({
  perAccount: new RateLimiter(5, 30_000),
  perIp: new RateLimiter(30, 2_000),
});

export function tooManyRequests(c: Context, waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  c.header('Retry-After', String(seconds));
  return new AppError(429, 'too_many_requests', `too many attempts; try again in ${seconds} s`, {
    retryAfterSeconds: seconds,
  });
}

export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

const loginBody = z.object({
  email: z.string().max(254),
  password: z.string().max(1024),
  tenant: z.string().max(40).optional(),
});

const setupBody = z.object({
  code: z.string().min(1).max(200),
  email: emailSchema,
  password: passwordSchema,
});

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure when the request came over https. */
export function startSession(c: Context<AppEnv>, s: NewSession) {
  setCookie(c, SESSION_COOKIE, s.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    expires: s.expiresAt,
  });
  return c.json({
    user: s.user,
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt.toISOString(),
  });
}

/** `/api/auth`: sign in, sign out, who am I (issue 7). */
export function authRoutes(
  accounts: AccountsService,
  limits: AuthLimits = defaultAuthLimits(),
  browsers?: BrowserDevicesService,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/login', authBodyLimit, async (c) => {
    checkSameOrigin(c);
    const ip = clientIp(c);
    const body = await parseBody(c, loginBody);
    const accountKey = `${ip}|${body.email.trim().toLowerCase()}`;
    const wait = Math.max(limits.perIp.take(ip), limits.perAccount.take(accountKey));
    if (wait > 0) {
      await accounts.audit({
        tenantId: null,
        actor: 'anonymous',
        action: 'login.throttled',
        target: `email:${body.email}`,
        ip,
      });
      throw tooManyRequests(c, wait);
    }
    try {
      const s = await accounts.login(body.email, body.password, body.tenant);
      limits.perAccount.reset(accountKey);
      await accounts.audit({ tenantId: s.tenantId, actor: `user:${s.user.id}`, action: 'login.success', ip });
      return startSession(c, s);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      await accounts.audit({
        tenantId: null,
        actor: 'anonymous',
        action: 'login.failure',
        target: `email:${body.email}`,
        ip,
      });
      throw err.code === 'tenant_required'
        ? new AppError(400, err.code, err.message)
        : unauthorized('invalid_credentials', 'wrong email or password');
    }
  });

  app.post('/logout', requireRole(accounts), async (c) => {
    const u = c.get('user');
    await accounts.logout(u.sessionId);
    await browsers?.revokeForSession(u.tenantId, u.sessionId, `user:${u.userId}`);
    await accounts.audit({
      tenantId: u.tenantId,
      actor: `user:${u.userId}`,
      action: 'logout',
      ip: clientIp(c),
    });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  if (browsers) {
    // A manager's desktop browser syncs with a token bound to this session (browser-devices.service.ts).
    app.post('/browser-device', requireRole(accounts, 'lead'), async (c) => {
      const u = c.get('user');
      const r = await browsers.issue(u, clientIp(c));
      return c.json(
        { token: r.token, device: r.device, tenant: { slug: u.tenantSlug, name: u.tenantName } },
        201,
      );
    });
  }

  app.get('/session', requireRole(accounts), (c) => {
    const u = c.get('user');
    return c.json({
      user: { id: u.userId, email: u.email, role: u.role },
      tenant: { slug: u.tenantSlug, name: u.tenantName },
      csrfToken: u.csrfToken,
    });
  });

  return app;
}

/** `POST /api/setup`: the first-run link's code + the first admin's email and password → signed in. */
export function setupRoutes(accounts: AccountsService, limiter = new RateLimiter(10, 6_000)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', authBodyLimit, async (c) => {
    checkSameOrigin(c);
    const ip = clientIp(c);
    const wait = limiter.take(ip);
    if (wait > 0) throw tooManyRequests(c, wait);
    const body = await parseBody(c, setupBody);
    try {
      const user = await accounts.completeSetup(body.code, body.email, body.password);
      await accounts.audit({
        tenantId: user.tenantId,
        actor: `user:${user.id}`,
        action: 'setup.admin_created',
        target: `user:${user.id}`,
        ip,
        after: { email: user.email, role: user.role },
      });
      return startSession(c, await accounts.openSession(user));
    } catch (err) {
      if (err instanceof AccountError) throw new AppError(403, err.code, err.message);
      throw err;
    }
  });
  return app;
}
