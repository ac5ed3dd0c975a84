import { AppError } from '@iris/core';
import type { Acting } from '@iris/identity';
import type { CatalogAccess } from './catalog-access.ts';
import type { PriceHistoryRow, PriceRepository } from './price.repository.ts';
import { productNotFound } from './product.service.ts';
import type { ProductRepository } from './product.repository.ts';
import { isUuid } from './validation.ts';

/**
 * A product's price history, oldest first: the entries of its price lists and its contract prices (entries
 * are never rewritten when a price changes, so they are the history). The supplier's side sees every list
 * and contract, or with `restaurantId` what concerns that customer; a restaurant (members, keys with
 * catalog:read; active customers only) sees what applied to it: the base list, its customer list and its
 * own contracts. Which customer list a restaurant had is not kept over time: its current one is shown.
 */
export class PriceHistoryService {
  readonly #repo: PriceRepository;
  readonly #products: ProductRepository;
  readonly #access: CatalogAccess;

  constructor(deps: {
    priceRepository: PriceRepository;
    products: ProductRepository;
    access: CatalogAccess;
  }) {
    this.#repo = deps.priceRepository;
    this.#products = deps.products;
    this.#access = deps.access;
  }

  async history(
    acting: Acting,
    productId: string,
    options: { restaurantId?: string | undefined } = {},
  ): Promise<PriceHistoryRow[]> {
    if (!isUuid(productId)) throw productNotFound(productId);
    const product = await this.#products.findById(productId);
    if (!product) throw productNotFound(productId);
    const restaurantId = options.restaurantId;

    const supplierGrant = await this.#access.trySupplier(acting, product.supplierId, 'read');
    if (supplierGrant) {
      if (restaurantId === undefined) {
        return this.#repo.history(product.id, { restaurantId: null, customerListIds: null });
      }
      const link = isUuid(restaurantId)
        ? await this.#access.relationship(restaurantId, product.supplierId)
        : null;
      if (!link) {
        throw new AppError(
          'CUSTOMER_RELATIONSHIP_NOT_FOUND',
          `Restaurant ${restaurantId} is not a customer of this supplier.`,
        );
      }
      return this.#repo.history(product.id, {
        restaurantId,
        customerListIds: link.priceListId ? [link.priceListId] : [],
      });
    }
    if (restaurantId === undefined) throw productNotFound(productId);
    let priceListId: string | null;
    try {
      ({ priceListId } = await this.#access.activeCustomer(acting, restaurantId, product.supplierId));
    } catch (error) {
      if (error instanceof AppError && error.code === 'CUSTOMER_NOT_ACTIVE') throw productNotFound(productId);
      throw error;
    }
    if (!product.active) throw productNotFound(productId);
    return this.#repo.history(product.id, {
      restaurantId,
      customerListIds: priceListId ? [priceListId] : [],
    });
  }
}
