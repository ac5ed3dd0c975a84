import { AppError, type Clock } from '@iris/core';
import type { Db, Tx } from '@iris/db';
import type { CustomerRepository } from './customer.repository.ts';
import type { AccessControl, Grant } from './access.ts';
import type { Acting } from './actor.ts';
import type { AuditLog } from './audit.ts';
import type { DeliveryAddressRepository } from './delivery-address.repository.ts';
import type { MembershipRepository } from './membership.repository.ts';
import { adminMetadata } from './organization.helpers.ts';
import type { OrganizationRepository } from './organization.repository.ts';

/**
 * What the restaurant and supplier services share (organization.restaurant.service.ts,
 * organization.supplier.service.ts): their dependencies, the update audit entry and the not-found errors.
 */
export interface OrganizationServiceDeps {
  db: Db;
  clock: Clock;
  access: AccessControl;
  audit: AuditLog;
  organizations: OrganizationRepository;
  addresses: DeliveryAddressRepository;
  memberships: MembershipRepository;
  /** Whether a supplier may see a restaurant (its customer, requested or active). */
  customers: Pick<CustomerRepository, 'supplierSeesRestaurant'>;
}

export interface OrganizationListQuery {
  q?: string | undefined;
}

/** `organization.updated` with the names (never the values) of the changed fields. */
export function recordOrganizationUpdate(
  audit: AuditLog,
  acting: Acting,
  grant: Grant,
  organizationId: string,
  kind: 'restaurant' | 'supplier',
  fields: string[],
  tx: Tx,
) {
  return audit.record(
    acting,
    {
      action: 'organization.updated',
      entityType: 'organization',
      entityId: organizationId,
      organizationId,
      metadata: { kind, fields, ...adminMetadata(grant) },
    },
    tx,
  );
}

export function restaurantNotFound(restaurantId: string): AppError {
  return new AppError('ORGANIZATION_NOT_FOUND', `No restaurant ${restaurantId} that you can see.`);
}

export function supplierNotFound(supplierId: string): AppError {
  return new AppError('ORGANIZATION_NOT_FOUND', `No supplier ${supplierId} that you can see.`);
}
