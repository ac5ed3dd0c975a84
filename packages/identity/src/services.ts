import type { Clock, Logger } from '@iris/core';
import type { Db } from '@iris/db';
import { AccessControl, AccessRepository } from './access.ts';
import { AuditLog } from './audit.ts';
import { CustomerRepository } from './customer.repository.ts';
import { CustomerService } from './customer.service.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { ServiceAccountRepository } from './service-account.repository.ts';
import { ServiceAccountService } from './service-account.service.ts';
import { UserRepository } from './user.repository.ts';
import { RegistrationService } from './registration.service.ts';
import { OrganizationRepository } from './organization.repository.ts';
import { RestaurantService } from './organization.restaurant.service.ts';
import { SupplierService } from './organization.supplier.service.ts';
import { DeliveryAddressRepository } from './delivery-address.repository.ts';
import { DeliveryAddressService } from './delivery-address.service.ts';
import { MembershipRepository } from './membership.repository.ts';
import { MembershipService } from './membership.service.ts';
import { InvitationRepository } from './invitation.repository.ts';
import { InvitationService } from './invitation.service.ts';
import { ClerkWebhookService } from './clerk-webhook.service.ts';
import { WebhookEventRepository } from './clerk-webhook.repository.ts';
import { AdminUserService } from './admin-users.service.ts';
import { ErasureRepository } from './admin-users.repository.ts';

export interface IdentityConfig {
  /** How long audit entries are kept (AUDIT_RETENTION_DAYS, default 365). */
  auditRetentionDays: number;
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  provider: IdentityProvider;
  config: IdentityConfig;
  /** For what services must report without failing a request (e.g. a failed registration undo). */
  logger?: Logger | undefined;
}

/** Everything the identity area offers, built once per app (composition root) from its dependencies. */
export function createIdentityServices(deps: IdentityDeps) {
  const users = new UserRepository(deps.db);
  const access = new AccessControl(new AccessRepository(deps.db));
  const audit = new AuditLog(deps.db);
  const organizationRepository = new OrganizationRepository(deps.db);
  const customerRepository = new CustomerRepository(deps.db);
  const customers = new CustomerService({
    db: deps.db,
    repository: customerRepository,
    access,
    audit,
    clock: deps.clock,
  });
  const serviceAccounts = new ServiceAccountService({
    db: deps.db,
    repository: new ServiceAccountRepository(deps.db),
    access,
    audit,
    clock: deps.clock,
  });
  const registration = new RegistrationService({
    db: deps.db,
    users,
    organizations: organizationRepository,
    provider: deps.provider,
    audit,
    clock: deps.clock,
    logger: deps.logger,
  });
  const clerkWebhooks = new ClerkWebhookService({
    db: deps.db,
    users,
    provider: deps.provider,
    events: new WebhookEventRepository(deps.db),
    audit,
    clock: deps.clock,
  });
  const adminUsers = new AdminUserService({
    db: deps.db,
    users,
    erasure: new ErasureRepository(deps.db),
    provider: deps.provider,
    audit,
    clock: deps.clock,
  });
  const membershipRepository = new MembershipRepository(deps.db);
  const addressRepository = new DeliveryAddressRepository(deps.db);
  const organizationDeps = {
    db: deps.db,
    clock: deps.clock,
    access,
    audit,
    organizations: organizationRepository,
    addresses: addressRepository,
    memberships: membershipRepository,
    customers: customerRepository,
  };
  const restaurants = new RestaurantService(organizationDeps);
  const suppliers = new SupplierService(organizationDeps);
  const deliveryAddresses = new DeliveryAddressService(organizationDeps);
  const memberships = new MembershipService({ ...organizationDeps, users });
  const invitations = new InvitationService({
    ...organizationDeps,
    users,
    invitations: new InvitationRepository(deps.db),
  });
  return {
    users,
    registration,
    clerkWebhooks,
    adminUsers,
    access,
    audit,
    customerRepository,
    customers,
    serviceAccounts,
    restaurants,
    suppliers,
    deliveryAddresses,
    memberships,
    invitations,
    provider: deps.provider,
    config: deps.config,
  };
}

export type IdentityServices = ReturnType<typeof createIdentityServices>;
