import { dec, type Clock, type Dec } from '@iris/core';
import type { PriceResolver, ProductLookupRepository, RestaurantProduct } from '@iris/catalog';
import type { Acting } from '@iris/identity';
import type { CartService } from '../cart.service.ts';
import type { ReorderRepository } from './reorder.repository.ts';

/** Why a line was not put in a cart. */
export const SKIP_REASONS = [
  'removed',
  'inactive',
  'supplier_not_active',
  'no_price',
  'no_quantity',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedLine {
  productId: string;
  /** What the product is (null when it no longer exists at all). */
  product: Pick<RestaurantProduct, 'sku' | 'name' | 'supplierId' | 'supplierName'> | null;
  reason: SkipReason;
}

export interface FilledLine {
  productId: string;
  /** What was added. */
  added: Dec;
  /** The line's quantity in the cart now. */
  cartQuantity: Dec;
}

export interface FilledCart {
  cartId: string;
  supplierId: string;
  supplierName: string;
  lines: FilledLine[];
}

export interface FillResult {
  carts: FilledCart[];
  skipped: SkippedLine[];
}

export interface CartFillerDeps {
  clock: Clock;
  carts: Pick<CartService, 'setLine'>;
  products: ProductLookupRepository;
  reorders: ReorderRepository;
  prices: PriceResolver;
}

/**
 * Puts quantities of products into a restaurant's open carts (one per supplier), adding to what is there,
 * through the cart service (so the cart's own rules apply). Products that cannot be bought now — removed,
 * inactive, from a supplier the restaurant is not an active customer of, or without a price — are skipped
 * and reported. Prices are the cart's: resolved when the cart is viewed or checked out, i.e. current ones.
 */
export class CartFiller {
  readonly #deps: CartFillerDeps;

  constructor(deps: CartFillerDeps) {
    this.#deps = deps;
  }

  async add(
    acting: Acting,
    restaurantId: string,
    wanted: readonly { productId: string; quantity: Dec }[],
    alreadySkipped: readonly SkippedLine[] = [],
  ): Promise<FillResult> {
    const quantities = new Map<string, Dec>();
    for (const line of wanted) {
      quantities.set(line.productId, (quantities.get(line.productId) ?? dec(0)).plus(line.quantity));
    }
    const ids = [...quantities.keys()];
    const [products, prices] = await Promise.all([
      this.#deps.products.forRestaurant(restaurantId, ids),
      this.#deps.prices.resolve(restaurantId, ids, this.#deps.clock.now()),
    ]);
    const skipped: SkippedLine[] = [...alreadySkipped];
    const bySupplier = new Map<string, { product: RestaurantProduct; quantity: Dec }[]>();
    for (const [productId, quantity] of quantities) {
      const product = products.get(productId);
      const reason: SkipReason | null =
        !product || product.removed
          ? 'removed'
          : !product.active
            ? 'inactive'
            : !product.supplierActive
              ? 'supplier_not_active'
              : !prices.has(productId)
                ? 'no_price'
                : null;
      if (reason || !product) {
        skipped.push({ productId, product: product ? summary(product) : null, reason: reason ?? 'removed' });
        continue;
      }
      const lines = bySupplier.get(product.supplierId) ?? [];
      lines.push({ product, quantity });
      bySupplier.set(product.supplierId, lines);
    }

    const carts: FilledCart[] = [];
    for (const [supplierId, lines] of bySupplier) {
      const existing = await this.#deps.reorders.openCartQuantities(restaurantId, supplierId);
      const filled: FilledLine[] = [];
      let cartId: string | null = null;
      for (const { product, quantity } of lines) {
        const before = existing.get(product.id);
        const cartQuantity = before ? dec(before.toString()).plus(quantity) : quantity;
        const view = await this.#deps.carts.setLine(
          acting,
          restaurantId,
          supplierId,
          product.id,
          cartQuantity.toFixed(3),
        );
        cartId = view.cartId;
        filled.push({ productId: product.id, added: quantity, cartQuantity });
      }
      if (cartId)
        carts.push({ cartId, supplierId, supplierName: lines[0]!.product.supplierName, lines: filled });
    }
    return { carts, skipped };
  }
}

export function summary(product: RestaurantProduct): NonNullable<SkippedLine['product']> {
  return {
    sku: product.sku,
    name: product.name,
    supplierId: product.supplierId,
    supplierName: product.supplierName,
  };
}
