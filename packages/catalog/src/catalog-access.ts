import { AppError } from '@iris/core';
import type { DbOrTx } from '@iris/db';
import type { AccessControl, Acting, Grant, Permission } from '@iris/identity';

/** The customer relationships the catalogue needs to know about (who may see which supplier's prices). */
export class CustomerLinkRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** The live relationship of the pair, whatever its status (null when there is none). */
  async find(
    restaurantId: string,
    supplierId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string; status: string; priceListId: string | null } | null> {
    return tx.customerRelationship.findFirst({
      where: {
        restaurantId,
        supplierId,
        supplier: { organization: { deletedAt: null } },
        restaurant: { organization: { deletedAt: null } },
      },
      select: { id: true, status: true, priceListId: true },
    });
  }
}

export type CatalogAccessMode = 'read' | 'write';

/**
 * Who may do what in the catalogue. Supplier side: the supplier's members (owners and staff), admins, and
 * its API keys with catalog:read / catalog:write. Restaurant side: the restaurant's members, admins, and its
 * keys with catalog:read — and only for suppliers it is an ACTIVE customer of.
 */
export class CatalogAccess {
  readonly #access: AccessControl;
  readonly #links: CustomerLinkRepository;

  constructor(access: AccessControl, links: CustomerLinkRepository) {
    this.#access = access;
    this.#links = links;
  }

  supplier(acting: Acting, supplierId: string, mode: CatalogAccessMode, tx?: DbOrTx): Promise<Grant> {
    return this.#access.organization(
      acting.actor,
      supplierId,
      { kind: 'supplier', memberRole: 'staff', permission: permissionOf(mode) },
      tx,
    );
  }

  restaurant(acting: Acting, restaurantId: string, tx?: DbOrTx): Promise<Grant> {
    return this.#access.organization(
      acting.actor,
      restaurantId,
      { kind: 'restaurant', memberRole: 'staff', permission: 'catalog:read' },
      tx,
    );
  }

  /**
   * The supplier grant when the actor may act for the supplier; null when unrelated (404 material); a
   * FORBIDDEN refusal (related but not enough) is thrown.
   */
  async trySupplier(
    acting: Acting,
    supplierId: string,
    mode: CatalogAccessMode,
    tx?: DbOrTx,
  ): Promise<Grant | null> {
    try {
      return await this.supplier(acting, supplierId, mode, tx);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND') return null;
      throw error;
    }
  }

  /** Restaurant access plus an active customer relationship with the supplier (else CUSTOMER_NOT_ACTIVE). */
  async activeCustomer(
    acting: Acting,
    restaurantId: string,
    supplierId: string,
    tx?: DbOrTx,
  ): Promise<{ grant: Grant; relationshipId: string; priceListId: string | null }> {
    const grant = await this.restaurant(acting, restaurantId, tx);
    const link = await this.#links.find(restaurantId, supplierId, tx);
    if (!link || link.status !== 'active') {
      throw new AppError(
        'CUSTOMER_NOT_ACTIVE',
        'This restaurant is not an active customer of this supplier, so it does not see its catalogue.',
        { restaurantId, supplierId },
      );
    }
    return { grant, relationshipId: link.id, priceListId: link.priceListId };
  }

  /** The relationship of a pair whatever its status, for the supplier's own decisions (contract prices). */
  relationship(restaurantId: string, supplierId: string, tx?: DbOrTx) {
    return this.#links.find(restaurantId, supplierId, tx);
  }
}

function permissionOf(mode: CatalogAccessMode): Permission {
  return mode === 'read' ? 'catalog:read' : 'catalog:write';
}
