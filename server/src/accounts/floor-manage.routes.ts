import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { notFound } from '../http/errors.ts';
import { authBodyLimit, parseBody } from './auth.routes.ts';
import type { AccountsService } from './accounts.service.ts';
import type { PinsService } from './pins.service.ts';
import { requireRole } from './session.middleware.ts';
import { IDLE_MINUTES_RANGE } from './settings.service.ts';
import type { SettingsService } from './settings.service.ts';

export interface FloorManageDeps {
  accounts: AccountsService;
  pins: PinsService;
  settings: SettingsService;
}

/**
 * Manager routes for the shop floor (issue 7 part A), mounted under `/api/manage` beside
 * manage.routes.ts: reset an operator's PIN, and the shop settings tablets apply (idle sign-out).
 */
export function floorManageRoutes(deps: FloorManageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const manager = requireRole(deps.accounts, 'manager');

  app.get('/pins', manager, async (c) => c.json({ people: await deps.pins.people(c.get('user').tenantId) }));

  // A forgotten or compromised PIN: cleared with its lockout; the person sets a new one after a badge sign-in.
  app.delete('/pins/:personId', manager, async (c) => {
    const u = c.get('user');
    const personId = z.string().min(1).max(100).safeParse(c.req.param('personId'));
    const gone =
      personId.success &&
      (await deps.pins.reset(u.tenantId, personId.data, { actor: `user:${u.userId}`, ip: clientIp(c) }));
    if (!gone) throw notFound('no_pin', 'this person has no PIN');
    return c.json({ ok: true });
  });

  app.get('/settings', manager, async (c) =>
    c.json({ settings: await deps.settings.get(c.get('user').tenantId) }),
  );

  app.put('/settings', manager, authBodyLimit, async (c) => {
    const u = c.get('user');
    const body = await parseBody(
      c,
      z.object({
        operatorIdleMinutes: z.number().int().min(IDLE_MINUTES_RANGE.min).max(IDLE_MINUTES_RANGE.max),
      }),
    );
    return c.json({ settings: await deps.settings.set(u.tenantId, body, `user:${u.userId}`, clientIp(c)) });
  });
  return app;
}
