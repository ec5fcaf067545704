import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { requireDevice } from './auth.middleware.ts';
import type { AuthService } from './auth.service.ts';
import type { SettingsService } from '../accounts/settings.service.ts';

/** `GET /api/me`: who this device token belongs to (the client shows it and checks enrolment with it),
 * and the shop's settings for tablets. */
export function meRoutes(auth: AuthService, settings?: SettingsService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', requireDevice(auth), async (c) => {
    const a = c.get('auth');
    return c.json({
      tenant: { slug: a.tenantSlug, name: a.tenantName },
      device: { id: a.deviceId, name: a.deviceName },
      // Shop settings the tablet applies (issue 7: the idle sign-out time); cached there for offline starts.
      ...(settings ? { settings: await settings.get(a.tenantId) } : {}),
    });
  });
  return app;
}
