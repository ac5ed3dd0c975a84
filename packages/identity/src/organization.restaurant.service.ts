import { AppError } from '@iris/core';
import { inTransaction } from '@iris/db';
import type { Grant } from './access.ts';
import type { Acting, Actor } from './actor.ts';
import { adminMetadata, changedFields, isUuid, requireUser } from './organization.helpers.ts';
import type {
  OrganizationPage,
  OrganizationSummaryRecord,
  RestaurantRecord,
} from './organization.repository.ts';
import {
  NO_DELIVERY_PREFERENCES,
  readDeliveryPreferences,
  type DeliveryPreferences,
  type RestaurantCreate,
  type RestaurantPatch,
} from './organization.schemas.ts';
import {
  recordOrganizationUpdate,
  restaurantNotFound,
  type OrganizationListQuery,
  type OrganizationServiceDeps,
} from './organization.service.ts';

export interface Restaurant extends Omit<RestaurantRecord, 'deliveryPreferences'> {
  deliveryPreferences: DeliveryPreferences;
}

/** How the caller sees a restaurant: as its member, an admin, its API key, or a supplier it is customer of. */
export type RestaurantAccess = Grant['via'] | 'supplier';

function toRestaurant(record: RestaurantRecord): Restaurant {
  return { ...record, deliveryPreferences: readDeliveryPreferences(record.deliveryPreferences) };
}

/** Restaurants: their profile, contact and delivery preferences (addresses: DeliveryAddressService). */
export class RestaurantService {
  readonly #deps: OrganizationServiceDeps;

  constructor(deps: OrganizationServiceDeps) {
    this.#deps = deps;
  }

  /** A restaurant user (or an admin) creates a restaurant and becomes its owner. */
  async create(acting: Acting, input: RestaurantCreate): Promise<Restaurant> {
    const user = requireUser(acting.actor, ['restaurant', 'admin']);
    const { organizations, addresses, audit } = this.#deps;
    const initialAddresses = input.addresses ?? [];
    const defaultIndex = Math.max(
      0,
      initialAddresses.findIndex((address) => address.isDefault),
    );
    const id = await inTransaction(this.#deps.db, async (tx) => {
      const { id } = await organizations.createRestaurant(
        { name: input.name, organisationNumber: input.organisationNumber },
        {
          contactName: input.contactName ?? null,
          contactEmail: input.contactEmail ?? null,
          contactPhone: input.contactPhone ?? null,
          deliveryPreferences: input.deliveryPreferences ?? NO_DELIVERY_PREFERENCES,
        },
        user.userId,
        tx,
      );
      await audit.record(
        acting,
        {
          action: 'organization.created',
          entityType: 'organization',
          entityId: id,
          organizationId: id,
          metadata: { kind: 'restaurant', ownerUserId: user.userId, ...adminMetadata(user) },
        },
        tx,
      );
      for (const [index, address] of initialAddresses.entries()) {
        const created = await addresses.create(
          id,
          {
            label: address.label,
            line1: address.line1,
            line2: address.line2 ?? null,
            postalCode: address.postalCode,
            city: address.city,
            country: address.country,
            instructions: address.instructions ?? null,
            isDefault: index === defaultIndex,
          },
          tx,
        );
        await audit.record(
          acting,
          {
            action: 'delivery_address.added',
            entityType: 'delivery_address',
            entityId: created.id,
            organizationId: id,
            metadata: { isDefault: created.isDefault, ...adminMetadata(user) },
          },
          tx,
        );
      }
      return id;
    });
    return this.#mustFind(id);
  }

  /** The caller's restaurants (admins: all; an API key: its own, with organization:read). */
  async list(
    acting: Acting,
    query: OrganizationListQuery,
    page: OrganizationPage,
  ): Promise<OrganizationSummaryRecord[]> {
    const actor = acting.actor;
    if (actor.kind === 'service' && !actor.permissions.includes('organization:read')) {
      throw new AppError('FORBIDDEN', 'This API key lacks the permission organization:read.');
    }
    const ids = await this.#deps.access.visibleOrganizationIds(actor, 'restaurant');
    return this.#deps.organizations.listRestaurants({ ids, q: query.q }, page);
  }

  /**
   * Members, admins and the restaurant's API keys (organization:read) see it; so do members (and API keys
   * with customers:read) of a supplier the restaurant is a customer of or has asked to become one.
   */
  async get(
    acting: Acting,
    restaurantId: string,
  ): Promise<{ restaurant: Restaurant; access: RestaurantAccess }> {
    const actor = acting.actor;
    let access: RestaurantAccess;
    try {
      const grant = await this.#deps.access.organization(actor, restaurantId, {
        kind: 'restaurant',
        memberRole: 'staff',
        permission: 'organization:read',
      });
      access = grant.via;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'ORGANIZATION_NOT_FOUND') throw error;
      if (!(await this.#seenBySupplier(actor, restaurantId))) throw error;
      access = 'supplier';
    }
    const record = await this.#deps.organizations.findRestaurant(restaurantId);
    if (!record) throw restaurantNotFound(restaurantId);
    return { restaurant: toRestaurant(record), access };
  }

  /** Owners, admins and API keys with organization:write. */
  async update(acting: Acting, restaurantId: string, patch: RestaurantPatch): Promise<Restaurant> {
    const grant = await this.#deps.access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'owner',
      permission: 'organization:write',
    });
    const current = await this.#mustFind(restaurantId);
    const fields = changedFields(patch, current);
    if (fields.length === 0) return current;
    const changed = <K extends (typeof fields)[number]>(key: K) => fields.includes(key);
    await inTransaction(this.#deps.db, async (tx) => {
      await this.#deps.organizations.updateRestaurant(
        restaurantId,
        {
          ...(patch.name !== undefined && changed('name') ? { name: patch.name } : {}),
          ...(patch.organisationNumber !== undefined && changed('organisationNumber')
            ? { organisationNumber: patch.organisationNumber }
            : {}),
        },
        {
          ...(changed('contactName') ? { contactName: patch.contactName ?? null } : {}),
          ...(changed('contactEmail') ? { contactEmail: patch.contactEmail ?? null } : {}),
          ...(changed('contactPhone') ? { contactPhone: patch.contactPhone ?? null } : {}),
          ...(patch.deliveryPreferences !== undefined && changed('deliveryPreferences')
            ? { deliveryPreferences: patch.deliveryPreferences }
            : {}),
        },
        tx,
      );
      await recordOrganizationUpdate(this.#deps.audit, acting, grant, restaurantId, 'restaurant', fields, tx);
    });
    return this.#mustFind(restaurantId);
  }

  async #seenBySupplier(actor: Actor, restaurantId: string): Promise<boolean> {
    if (!isUuid(restaurantId)) return false;
    const supplierIds = await this.#deps.access.memberOrganizationIds(actor, 'supplier');
    const related = await this.#deps.customers.supplierSeesRestaurant(supplierIds, restaurantId);
    if (related && actor.kind === 'service' && !actor.permissions.includes('customers:read')) {
      throw new AppError('FORBIDDEN', 'This API key lacks the permission customers:read.');
    }
    return related;
  }

  async #mustFind(restaurantId: string): Promise<Restaurant> {
    const record = await this.#deps.organizations.findRestaurant(restaurantId);
    if (!record) throw restaurantNotFound(restaurantId);
    return toRestaurant(record);
  }
}
