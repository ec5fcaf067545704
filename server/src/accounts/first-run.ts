import { ensureTenant, listTenants } from '../admin/admin.service.ts';
import type { AccountsService } from './accounts.service.ts';

/** The tenant a fresh install starts with when none exists yet. */
export const FIRST_TENANT = { slug: 'shop', name: 'My print farm' } as const;

/**
 * First run (issue 7): while no user exists anywhere, each start makes a one-time setup code for
 * the first tenant (created when there is none) and returns the link that turns it into the first
 * admin. There is no default password: until the link is used, nobody can sign in.
 * Returns undefined once any user exists.
 */
export async function firstRunSetupLink(
  accounts: AccountsService,
  baseUrl: string,
): Promise<{ link: string; tenantSlug: string } | undefined> {
  if (await accounts.hasUsers()) return undefined;
  const tenant =
    (await listTenants(accounts.db))[0] ??
    (await ensureTenant(accounts.db, FIRST_TENANT.slug, FIRST_TENANT.name));
  const code = await accounts.createSetupCode(tenant.id);
  await accounts.audit({ tenantId: tenant.id, actor: 'system', action: 'setup.code_issued' });
  // In the fragment: it never reaches server logs or a Referer header.
  return { link: `${baseUrl}/setup#code=${code}`, tenantSlug: tenant.slug };
}
