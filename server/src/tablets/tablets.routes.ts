import { Hono } from 'hono';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { authBodyLimit, parseBody } from '../accounts/auth.routes.ts';
import { requireRole } from '../accounts/session.middleware.ts';
import { requireDevice } from '../auth/auth.middleware.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { AppEnv } from '../http/app-env.ts';
import { tabletReportSchema, type TabletStatusStore } from './tablet-status.ts';

export interface TabletsDeps {
  auth: AuthService;
  accounts: AccountsService;
  store: TabletStatusStore;
  now?: () => Date;
}

/** `POST /api/devices/heartbeat` (device token): the tablet's app version, edits waiting and last sync. */
export function heartbeatRoutes(deps: TabletsDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', requireDevice(deps.auth), authBodyLimit, async (c) => {
    const a = c.get('auth');
    const report = await parseBody(c, tabletReportSchema);
    await deps.store.report(a.tenantId, a.deviceId, report, deps.now?.() ?? new Date());
    return c.json({ ok: true });
  });
  return app;
}

/**
 * `GET /api/manage/tablets` (manager): every enrolled device of the tenant with last seen (from the
 * token check) and its latest heartbeat — stored on the device row, so it survives a restart and is
 * the same on every server instance (`null` fields: the device never reported).
 */
export function tabletsRoutes(deps: TabletsDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', requireRole(deps.accounts, 'manager'), async (c) =>
    c.json({ tablets: await deps.store.list(c.get('user').tenantId) }),
  );
  return app;
}
