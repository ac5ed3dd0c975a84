import { AppError, type Clock } from '@iris/core';
import { inTransaction, type Db } from '@iris/db';
import type { AccessControl, Grant } from './access.ts';
import type { Acting } from './actor.ts';
import type { AuditLog } from './audit.ts';
import type {
  DeliveryAddressData,
  DeliveryAddressRecord,
  DeliveryAddressRepository,
} from './delivery-address.repository.ts';
import { adminMetadata, changedFields, isUuid } from './organization.helpers.ts';
import type { OrganizationRepository } from './organization.repository.ts';
import type { DeliveryAddressInput, DeliveryAddressPatch } from './organization.schemas.ts';

export interface DeliveryAddressServiceDeps {
  db: Db;
  clock: Clock;
  access: AccessControl;
  audit: AuditLog;
  organizations: OrganizationRepository;
  addresses: DeliveryAddressRepository;
}

/**
 * A restaurant's delivery addresses. Any member (owner or staff), an admin, or the restaurant's API key with
 * organization:write manages them: staff are the people who receive deliveries. Exactly one address is the
 * default whenever any exist: the first one becomes default, making another default moves the flag, and
 * removing the default passes it to the oldest remaining address.
 */
export class DeliveryAddressService {
  readonly #deps: DeliveryAddressServiceDeps;

  constructor(deps: DeliveryAddressServiceDeps) {
    this.#deps = deps;
  }

  async add(
    acting: Acting,
    restaurantId: string,
    input: DeliveryAddressInput,
  ): Promise<DeliveryAddressRecord> {
    const grant = await this.#authorize(acting, restaurantId);
    return inTransaction(this.#deps.db, async (tx) => {
      // Serialises address changes of this restaurant: the default flag stays on exactly one row.
      await this.#deps.organizations.lock(restaurantId, tx);
      const isDefault = input.isDefault || (await this.#deps.addresses.count(restaurantId, tx)) === 0;
      if (isDefault) await this.#deps.addresses.clearDefault(restaurantId, null, tx);
      const created = await this.#deps.addresses.create(
        restaurantId,
        {
          label: input.label,
          line1: input.line1,
          line2: input.line2 ?? null,
          postalCode: input.postalCode,
          city: input.city,
          country: input.country,
          instructions: input.instructions ?? null,
          isDefault,
        },
        tx,
      );
      await this.#deps.audit.record(
        acting,
        {
          action: 'delivery_address.added',
          entityType: 'delivery_address',
          entityId: created.id,
          organizationId: restaurantId,
          metadata: { isDefault, ...adminMetadata(grant) },
        },
        tx,
      );
      return created;
    });
  }

  async update(
    acting: Acting,
    restaurantId: string,
    addressId: string,
    patch: DeliveryAddressPatch,
  ): Promise<DeliveryAddressRecord> {
    const grant = await this.#authorize(acting, restaurantId);
    if (!isUuid(addressId)) throw addressNotFound(addressId);
    return inTransaction(this.#deps.db, async (tx) => {
      await this.#deps.organizations.lock(restaurantId, tx);
      const current = await this.#deps.addresses.find(restaurantId, addressId, tx);
      if (!current) throw addressNotFound(addressId);
      if (patch.isDefault === false && current.isDefault) {
        throw new AppError(
          'CONFLICT',
          'A restaurant always has a default address: make another address the default instead.',
          { reason: 'DEFAULT_ADDRESS_REQUIRED' },
        );
      }
      const fields = changedFields(patch, current);
      if (fields.length === 0) return current;
      const data: Partial<DeliveryAddressData> = {};
      for (const field of fields) {
        const value = patch[field];
        Object.assign(data, { [field]: value ?? null });
      }
      if (data.isDefault) await this.#deps.addresses.clearDefault(restaurantId, addressId, tx);
      const updated = await this.#deps.addresses.update(addressId, data, tx);
      await this.#deps.audit.record(
        acting,
        {
          action: 'delivery_address.updated',
          entityType: 'delivery_address',
          entityId: addressId,
          organizationId: restaurantId,
          metadata: { fields, ...adminMetadata(grant) },
        },
        tx,
      );
      return updated;
    });
  }

  /** Soft delete; the default passes to the oldest remaining address. */
  async remove(
    acting: Acting,
    restaurantId: string,
    addressId: string,
  ): Promise<{ id: string; defaultAddressId: string | null }> {
    const grant = await this.#authorize(acting, restaurantId);
    if (!isUuid(addressId)) throw addressNotFound(addressId);
    return inTransaction(this.#deps.db, async (tx) => {
      await this.#deps.organizations.lock(restaurantId, tx);
      const current = await this.#deps.addresses.find(restaurantId, addressId, tx);
      if (!current) throw addressNotFound(addressId);
      await this.#deps.addresses.softDelete(addressId, this.#deps.clock.now(), tx);
      let promoted: string | null = null;
      if (current.isDefault) {
        const next = await this.#deps.addresses.oldest(restaurantId, tx);
        if (next) {
          await this.#deps.addresses.update(next.id, { isDefault: true }, tx);
          promoted = next.id;
        }
      }
      const defaultAddressId = current.isDefault
        ? promoted
        : ((await this.#deps.addresses.findDefault(restaurantId, tx))?.id ?? null);
      await this.#deps.audit.record(
        acting,
        {
          action: 'delivery_address.removed',
          entityType: 'delivery_address',
          entityId: addressId,
          organizationId: restaurantId,
          metadata: {
            wasDefault: current.isDefault,
            ...(promoted ? { newDefaultAddressId: promoted } : {}),
            ...adminMetadata(grant),
          },
        },
        tx,
      );
      return { id: addressId, defaultAddressId };
    });
  }

  #authorize(acting: Acting, restaurantId: string): Promise<Grant> {
    return this.#deps.access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'staff',
      permission: 'organization:write',
    });
  }
}

function addressNotFound(addressId: string): AppError {
  return new AppError('DELIVERY_ADDRESS_NOT_FOUND', `No delivery address ${addressId} at this restaurant.`);
}
