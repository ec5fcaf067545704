import type { Executor } from '../db/executor.ts';
import { findDevice, findDeviceByTokenHash, touchDevice } from '../admin/tenants.repo.ts';
import type { AuthContext } from '../http/app-env.ts';
import { browserDeviceSession } from '../accounts/pins.repo.ts';
import { roleAtLeast, isRole } from '../accounts/roles.ts';
import { hashToken } from './tokens.ts';

export type AuthResult =
  { ok: true; auth: AuthContext } | { ok: false; reason: 'invalid_token' | 'device_revoked' };

/** `last_seen_at` is informational: written at most this often per device, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Resolves a device token to its tenant and device (sync rule 8: every request is scoped by this). */
export class AuthService {
  readonly #db: Executor;
  readonly #touched = new Map<string, number>();
  /**
   * Devices known to be tablets (no browser session behind them). A device never changes kind: a
   * browser device gets its session link in the transaction that creates it, before its token
   * exists anywhere. So "tablet" is cached for good and only browser devices pay the extra lookup.
   */
  readonly #tablets = new Set<string>();

  constructor(
    db: Executor,
    readonly now: () => Date = () => new Date(),
  ) {
    this.#db = db;
  }

  async authenticate(token: string): Promise<AuthResult> {
    const found = await findDeviceByTokenHash(this.#db, hashToken(token));
    if (!found) return { ok: false, reason: 'invalid_token' };
    if (found.device.revokedAt) return { ok: false, reason: 'device_revoked' };
    if (!(await this.#browserSessionLive(found.device.id))) return { ok: false, reason: 'device_revoked' };
    await this.#touch(found.device.id);
    return {
      ok: true,
      auth: {
        tenantId: found.tenant.id,
        tenantSlug: found.tenant.slug,
        tenantName: found.tenant.name,
        deviceId: found.device.id,
        deviceName: found.device.name,
      },
    };
  }

  /** Whether the device exists and is not revoked (long-lived streams re-check with it). */
  async stillValid(deviceId: string): Promise<boolean> {
    const d = await findDevice(this.#db, deviceId);
    return d !== undefined && d.revokedAt === null && (await this.#browserSessionLive(deviceId));
  }

  /**
   * A manager browser's token (accounts/browser-devices.service.ts) lives only as long as the
   * sign-in session it was issued to, and only while its user is still lead or higher. A tablet's
   * token has no session: true (looked up once per device and process, see #tablets).
   */
  async #browserSessionLive(deviceId: string): Promise<boolean> {
    if (this.#tablets.has(deviceId)) return true;
    const b = await browserDeviceSession(this.#db, deviceId, this.now());
    if (!b) {
      if (this.#tablets.size >= 100_000) this.#tablets.clear();
      this.#tablets.add(deviceId);
      return true;
    }
    return b.live && isRole(b.role) && roleAtLeast(b.role, 'lead');
  }

  async #touch(deviceId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.#touched.get(deviceId) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.#touched.set(deviceId, now);
    await touchDevice(this.#db, deviceId, new Date(now));
  }
}
