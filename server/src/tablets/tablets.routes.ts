import { Hono } from 'hono';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { authBodyLimit, parseBody } from '../accounts/auth.routes.ts';
import type { DevicesService } from '../accounts/devices.service.ts';
import { requireRole } from '../accounts/session.middleware.ts';
import { requireDevice } from '../auth/auth.middleware.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { AppEnv } from '../http/app-env.ts';
import { tabletReportSchema, type TabletStatusStore } from './tablet-status.ts';

export interface TabletsDeps {
  auth: AuthService;
  accounts: AccountsService;
  devices: DevicesService;
  store: TabletStatusStore;
  now?: () => Date;
}

/** `POST /api/devices/heartbeat` (device token): the tablet's app version, edits waiting and last sync. */
export function heartbeatRoutes(deps: TabletsDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', requireDevice(deps.auth), authBodyLimit, async (c) => {
    const a = c.get('auth');
    const report = await parseBody(c, tabletReportSchema);
    deps.store.report(a.tenantId, a.deviceId, report, deps.now?.() ?? new Date());
    return c.json({ ok: true });
  });
  return app;
}

/**
 * `GET /api/manage/tablets` (manager): every enrolled device of the tenant with last seen (from the
 * token check) and what its latest heartbeat said — `null` fields for a device that has not
 * reported to this server since it started.
 */
export function tabletsRoutes(deps: TabletsDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', requireRole(deps.accounts, 'manager'), async (c) => {
    const tenantId = c.get('user').tenantId;
    const rows = await deps.devices.list(tenantId);
    return c.json({
      tablets: rows.map((d) => {
        const s = deps.store.get(tenantId, d.id);
        return {
          id: d.id,
          name: d.name,
          createdAt: d.createdAt.toISOString(),
          lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
          revokedAt: d.revokedAt?.toISOString() ?? null,
          appVersion: s?.appVersion ?? null,
          pendingEdits: s?.pendingEdits ?? null,
          lastSyncAt: s?.lastSyncAt ?? null,
          reportedAt: s?.reportedAt.toISOString() ?? null,
        };
      }),
    });
  });
  return app;
}
