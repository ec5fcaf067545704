import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { requireDevice } from './auth.middleware.ts';
import type { AuthService } from './auth.service.ts';

/** `GET /api/me`: who this device token belongs to (the client shows it and checks enrolment with it). */
export function meRoutes(auth: AuthService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', requireDevice(auth), (c) => {
    const a = c.get('auth');
    return c.json({
      tenant: { slug: a.tenantSlug, name: a.tenantName },
      device: { id: a.deviceId, name: a.deviceName },
    });
  });
  return app;
}
