import { insertDevice } from '../admin/tenants.repo.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { insertAudit } from './accounts.repo.ts';
import type { DevicesService } from './devices.service.ts';
import { browserDevicesOfSession, insertBrowserDevice } from './pins.repo.ts';

/**
 * How a manager's desktop browser gets the live data the manager pages read from RxDB (issue 7).
 *
 * Decision: the signed-in browser (lead or higher) asks for a device token bound to its session
 * and then syncs exactly like a tablet — same sync endpoints, same bearer-token auth, same RLS —
 * instead of teaching the sync endpoints a second, cookie-based auth (with CSRF on every push and
 * on the stream). The token is refused as soon as its session is: sign-out revokes it at once
 * (stream included), and an expired session, a password reset, a disabled user or a role below
 * lead make it fail on its next request (AuthService.authenticate checks the session).
 */
export class BrowserDevicesService {
  constructor(
    readonly db: Executor,
    readonly devices: DevicesService,
  ) {}

  async issue(
    u: { tenantId: string; sessionId: string; userId: string; email: string },
    ip: string | null,
  ): Promise<{ token: string; device: { id: string; name: string } }> {
    const token = generateToken();
    const name = `Browser · ${u.email}`;
    const device = await withTenant(this.db, u.tenantId, async (tx) => {
      const d = await insertDevice(tx, u.tenantId, name, hashToken(token));
      await insertBrowserDevice(tx, { deviceId: d.id, tenantId: u.tenantId, sessionId: u.sessionId });
      return d;
    });
    await insertAudit(this.db, {
      tenantId: u.tenantId,
      actor: `user:${u.userId}`,
      action: 'device.browser_issued',
      target: `device:${device.id}`,
      ip,
    });
    return { token, device: { id: device.id, name } };
  }

  /** Revokes every browser device of a session that ends (their streams close at once). */
  async revokeForSession(tenantId: string, sessionId: string, actor: string): Promise<void> {
    const ids = await withTenant(this.db, tenantId, (tx) => browserDevicesOfSession(tx, sessionId));
    for (const id of ids) {
      try {
        await this.devices.revoke(tenantId, id, actor);
      } catch {
        // already revoked (e.g. by a manager on the devices page): nothing left to end
      }
    }
  }
}
