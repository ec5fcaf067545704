import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthService } from '../auth/auth.service.ts';
import { requireDevice } from '../auth/auth.middleware.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { AppError, notFound } from '../http/errors.ts';
import { authBodyLimit, parseBody, tooManyRequests } from './auth.routes.ts';
import type { PinsService, PinVerdict } from './pins.service.ts';
import { RateLimiter } from './rate-limit.ts';

export interface PinRoutesDeps {
  auth: AuthService;
  pins: PinsService;
  /** Per device: 10 PIN attempts at once, then one every 3 s (on top of the per-person lockout). */
  limiter?: RateLimiter;
}

const personId = z.string().min(1).max(100);
const pinField = z.string().max(20);

/** A refused PIN as the one error envelope: 403 wrong or locked, 404 when the person has no PIN. */
function refusal(v: Exclude<PinVerdict, { ok: true }>): AppError {
  switch (v.reason) {
    case 'no_pin':
      return notFound('no_pin', 'this person has no PIN yet: sign in with the badge and set one');
    case 'wrong':
      return new AppError(403, 'wrong_pin', 'wrong PIN', { attemptsLeft: v.attemptsLeft });
    case 'locked':
      return new AppError(403, 'pin_locked', 'too many wrong PINs: locked for a while', {
        lockedUntil: v.lockedUntil.toISOString(),
      });
  }
}

/**
 * `/api/pins` (device token): operator PINs checked by the server (issue 7). Every answer and
 * failure is audited by the service; attempts are throttled per device here.
 */
export function pinRoutes(deps: PinRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = deps.limiter ?? new RateLimiter(10, 3_000);
  app.use('*', requireDevice(deps.auth));
  const who = (c: { get(k: 'auth'): { deviceId: string } }, ip: string) => ({
    actor: `device:${c.get('auth').deviceId}`,
    ip,
  });

  app.get('/', async (c) => c.json({ people: await deps.pins.people(c.get('auth').tenantId) }));

  app.post('/verify', authBodyLimit, async (c) => {
    const ip = clientIp(c);
    const wait = limiter.take(c.get('auth').deviceId);
    if (wait > 0) throw tooManyRequests(c, wait);
    const body = await parseBody(c, z.object({ personId, pin: pinField }));
    const v = await deps.pins.verify(c.get('auth').tenantId, body.personId, body.pin, who(c, ip));
    if (!v.ok) throw refusal(v);
    return c.json({ ok: true });
  });

  app.put('/:personId', authBodyLimit, async (c) => {
    const ip = clientIp(c);
    const wait = limiter.take(c.get('auth').deviceId);
    if (wait > 0) throw tooManyRequests(c, wait);
    const id = personId.safeParse(c.req.param('personId'));
    if (!id.success) throw notFound('no_such_person', 'no such person');
    const body = await parseBody(
      c,
      z.object({ pin: z.string().regex(/^\d{4,6}$/, '4 to 6 digits'), currentPin: pinField.optional() }),
    );
    const r = await deps.pins.set(c.get('auth').tenantId, id.data, body.pin, body.currentPin, who(c, ip));
    if (r.ok) return c.json({ ok: true });
    switch (r.reason) {
      case 'no_such_person':
        throw notFound('no_such_person', 'no such person in this shop');
      case 'current_pin_required':
        throw new AppError(403, r.reason, 'changing a PIN needs the current one (or a manager reset)');
      case 'wrong':
      case 'locked':
        throw refusal(r);
    }
  });
  return app;
}
