import { randomInt } from 'node:crypto';
import { insertDevice, listDevices, renameDevice, revokeDevice } from '../admin/tenants.repo.ts';
import type { DeviceRow } from '../admin/tenants.repo.ts';
import { findTenantById } from './accounts.repo.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import type { ChangeBus } from '../db/change-bus.ts';
import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { insertAudit, insertCode, linkCodeDevice, redeemCode } from './accounts.repo.ts';

/** A pairing code works this long (issue 7: "valid for 10 minutes"). */
export const PAIRING_TTL_MS = 10 * 60 * 1000;

/** Crockford base32 without look-alikes (no I, L, O, U): easy to type from a screen. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `XXXXX-XXXXX`: 50 random bits — with a 10-minute life and throttled redemption, unguessable. */
export function newPairingCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** What is hashed: case, dashes and spaces do not matter when typed. */
export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DeviceError extends Error {
  override name = 'DeviceError';
  constructor(
    readonly code: 'invalid_code' | 'no_such_device',
    message: string,
  ) {
    super(message);
  }
}

/** Tablet enrolment by pairing code, rename and revoke (issue 7). Every call is scoped by tenant. */
export class DevicesService {
  constructor(
    readonly db: Executor,
    readonly bus: ChangeBus,
    readonly now: () => Date = () => new Date(),
  ) {}

  async createPairingCode(
    tenantId: string,
    userId: string | null,
  ): Promise<{ code: string; expiresAt: Date }> {
    const code = newPairingCode();
    const expiresAt = new Date(this.now().getTime() + PAIRING_TTL_MS);
    await insertCode(this.db, {
      codeHash: hashToken(normalizePairingCode(code)),
      kind: 'pairing',
      tenantId,
      createdBy: userId,
      expiresAt,
    });
    await insertAudit(this.db, {
      tenantId,
      actor: userId ? `user:${userId}` : 'cli',
      action: 'device.pairing_code_created',
      after: { expiresAt: expiresAt.toISOString() },
    });
    return { code, expiresAt };
  }

  /** Redeems a pairing code (once) into a new device and its token — the only time the token exists here. */
  async pair(
    code: string,
    name: string,
    ip: string,
  ): Promise<{ token: string; device: DeviceRow; tenant: { slug: string; name: string } }> {
    const codeHash = hashToken(normalizePairingCode(code));
    return this.db.transaction(async (tx) => {
      const redeemed = await redeemCode(tx, codeHash, 'pairing', this.now());
      if (!redeemed) throw new DeviceError('invalid_code', 'this pairing code is invalid, used or expired');
      const token = generateToken();
      const device = await insertDevice(tx, redeemed.tenantId, name, hashToken(token));
      await linkCodeDevice(tx, codeHash, device.id);
      await insertAudit(tx, {
        tenantId: redeemed.tenantId,
        actor: `device:${device.id}`,
        action: 'device.paired',
        target: `device:${device.id}`,
        ip,
        after: { name, pairingCodeBy: redeemed.createdBy },
      });
      const tenant = await findTenantById(tx, redeemed.tenantId);
      return { token, device, tenant: { slug: tenant?.slug ?? '', name: tenant?.name ?? '' } };
    });
  }

  list(tenantId: string): Promise<DeviceRow[]> {
    return withTenant(this.db, tenantId, (tx) => listDevices(tx, tenantId));
  }

  async rename(tenantId: string, deviceId: string, name: string, actor: string): Promise<void> {
    // Under row-level security too: a manager's action cannot reach another tenant's device.
    const r = await withTenant(this.db, tenantId, (tx) => renameDevice(tx, tenantId, deviceId, name));
    if (!r) throw new DeviceError('no_such_device', 'no such device');
    await insertAudit(this.db, {
      tenantId,
      actor,
      action: 'device.renamed',
      target: `device:${deviceId}`,
      before: { name: r.before },
      after: { name },
    });
  }

  /**
   * Revokes a device (in `tenantId` when given): its token is refused from the next request, and
   * its open sync streams close as soon as the revocation event reaches their instance.
   */
  async revoke(tenantId: string | undefined, deviceId: string, actor: string): Promise<void> {
    if (!UUID.test(deviceId)) throw new DeviceError('no_such_device', 'no such active device');
    const scoped = <T>(fn: (tx: Executor) => Promise<T>) =>
      tenantId === undefined ? this.db.transaction(fn) : withTenant(this.db, tenantId, fn);
    await scoped(async (tx) => {
      const owner = await revokeDevice(tx, tenantId, deviceId);
      if (!owner) throw new DeviceError('no_such_device', 'no such active device');
      await insertAudit(tx, {
        tenantId: owner,
        actor,
        action: 'device.revoked',
        target: `device:${deviceId}`,
      });
      // Postgres: NOTIFY, delivered to every instance on commit. PGlite: emitted at once in this
      // process — the token is already refused by then as far as any new request can tell.
      await this.bus.announceRevocation(tx, deviceId);
    });
  }
}
