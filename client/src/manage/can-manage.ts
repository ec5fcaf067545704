import type { Role } from '@printfloor/shared';

/**
 * Who may open the manager view. Until accounts and sessions arrive (issue 7), the only role the
 * client knows is the signed-in person's role from `people`; the server's /api/manage endpoints
 * require a device token and are to be restricted to lead+ by issue 7. This is UI gating only.
 */
export function canManage(role: Role): boolean {
  return role === 'lead' || role === 'manager' || role === 'admin';
}
