import type { Role } from '@printfloor/shared';

/**
 * Who may open the manager view: a lead, manager or admin. The role is the signed-in account's
 * (the cookie session, account/account-store.ts), never the operator chosen on a tablet; the
 * server enforces the same on every /api/manage endpoint (requireRole), so this only decides
 * what the page shows.
 */
export function canManage(role: Role): boolean {
  return role === 'lead' || role === 'manager' || role === 'admin';
}
