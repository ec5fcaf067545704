import { ROLES, type Role } from '@printfloor/shared';

/** Whether `role` carries at least the permissions of `min` (operator < lead < manager < admin). */
export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}
