import { AppError } from '@iris/core';
import type { Acting, AccessControl, Grant, Permission } from '@iris/identity';

/** The caller acts for the restaurant (members of any role, admins, its keys with `permission`). */
export function restaurantGrant(
  access: AccessControl,
  acting: Acting,
  restaurantId: string,
  permission: Permission,
): Promise<Grant> {
  return access.organization(acting.actor, restaurantId, {
    kind: 'restaurant',
    memberRole: 'staff',
    permission,
  });
}

/**
 * Like restaurantGrant for an object of the restaurant: a caller unrelated to the restaurant gets the
 * object's own 404 (so ids of other tenants cannot be probed), a related but insufficient one 403.
 */
export async function objectGrant(
  access: AccessControl,
  acting: Acting,
  restaurantId: string,
  permission: Permission,
  notFound: () => AppError,
): Promise<Grant> {
  try {
    return await restaurantGrant(access, acting, restaurantId, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND') throw notFound();
    throw error;
  }
}
