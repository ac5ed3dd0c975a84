import { AppError } from '@iris/core';
import type { DbOrTx } from '@iris/db';
import type { AccessControl, Acting, Grant, Permission } from '@iris/identity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Acting for a restaurant: its members (any role), admins, its keys with `permission`. */
export function restaurantAccess(
  access: AccessControl,
  acting: Acting,
  restaurantId: string,
  permission: Permission,
  tx?: DbOrTx,
): Promise<Grant> {
  return access.organization(
    acting.actor,
    restaurantId,
    { kind: 'restaurant', memberRole: 'staff', permission },
    tx,
  );
}

/** Acting for a supplier: its members (any role), admins, its keys with `permission`. */
export function supplierAccess(
  access: AccessControl,
  acting: Acting,
  supplierId: string,
  permission: Permission,
  tx?: DbOrTx,
): Promise<Grant> {
  return access.organization(
    acting.actor,
    supplierId,
    { kind: 'supplier', memberRole: 'staff', permission },
    tx,
  );
}

/** Runs an access check; an organization the caller cannot see makes the object itself not found. */
export async function orNotFound<T>(check: Promise<T>, notFound: () => AppError): Promise<T> {
  try {
    return await check;
  } catch (error) {
    if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND') throw notFound();
    throw error;
  }
}
