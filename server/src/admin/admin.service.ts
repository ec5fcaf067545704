import type { Executor } from '../db/executor.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import {
  findTenantBySlug,
  insertDevice,
  insertTenant,
  listDevices,
  listTenants,
  revokeDevice,
} from './tenants.repo.ts';
import type { DeviceRow, TenantRow } from './tenants.repo.ts';

/** Tenants and device enrolment: what the admin CLI and `--demo` do. */

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class AdminError extends Error {
  override name = 'AdminError';
}

/** Throws unless `slug` is a valid tenant slug. */
export function checkSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug)) {
    throw new AdminError(`invalid tenant slug "${slug}": use 1–40 lowercase letters, digits and dashes`);
  }
}

export async function createTenant(db: Executor, slug: string, name?: string): Promise<TenantRow> {
  checkSlug(slug);
  if (await findTenantBySlug(db, slug)) throw new AdminError(`tenant "${slug}" already exists`);
  return insertTenant(db, slug, name?.trim() || slug);
}

/** The tenant with this slug, created when absent. */
export async function ensureTenant(db: Executor, slug: string, name?: string): Promise<TenantRow> {
  return (await findTenantBySlug(db, slug)) ?? createTenant(db, slug, name);
}

export async function requireTenant(db: Executor, slug: string): Promise<TenantRow> {
  const t = await findTenantBySlug(db, slug);
  if (!t) throw new AdminError(`no tenant "${slug}" (create it with: pnpm printfloor tenant create ${slug})`);
  return t;
}

/** Enrols a device and returns its token — the only time the token exists outside the tablet. */
export async function addDevice(
  db: Executor,
  tenantSlug: string,
  name: string,
): Promise<{ device: DeviceRow; token: string; tenant: TenantRow }> {
  const tenant = await requireTenant(db, tenantSlug);
  const clean = name.trim();
  if (clean.length === 0 || clean.length > 100)
    throw new AdminError('a device needs a name of 1–100 characters');
  const token = generateToken();
  const device = await insertDevice(db, tenant.id, clean, hashToken(token));
  return { device, token, tenant };
}

/** Revokes a device by id (in `tenantSlug` when given, as a guard against a pasted id of another shop). */
export async function revokeTenantDevice(
  db: Executor,
  tenantSlug: string | undefined,
  deviceId: string,
): Promise<void> {
  if (!UUID.test(deviceId)) throw new AdminError(`"${deviceId}" is not a device id`);
  const tenantId = tenantSlug === undefined ? undefined : (await requireTenant(db, tenantSlug)).id;
  if (!(await revokeDevice(db, tenantId, deviceId))) {
    throw new AdminError(`no active device ${deviceId}${tenantSlug ? ` in tenant "${tenantSlug}"` : ''}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { listDevices, listTenants };
