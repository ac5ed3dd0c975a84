import { AppError, type Clock } from '@iris/core';
import type { Acting } from '@iris/identity';
import { effectiveCutoff, isIsoDate, nextDeliveryDates, type DeliveryCutoff } from './calendar/index.ts';
import { buildCartView, type CartView } from './cart-view.ts';
import type { CartContext, CartRepository } from './cart.repository.ts';
import { isUuid, type OrderAccess } from './order-access.ts';
import { MAX_NOTE_LENGTH } from './order.service.ts';
import { parseQuantity } from './totals.ts';

export interface CartServiceDeps {
  clock: Clock;
  carts: CartRepository;
  access: OrderAccess;
}

export interface CartDetailsPatch {
  /** yyyy-MM-dd; null clears it (the next possible date is used). */
  requestedDeliveryDate?: string | null | undefined;
  deliveryAddressId?: string | null | undefined;
  note?: string | null | undefined;
}

function supplierNotFound(supplierId: string): AppError {
  return new AppError('ORGANIZATION_NOT_FOUND', `No supplier ${supplierId}.`);
}

function productNotFound(productId: string): AppError {
  return new AppError('PRODUCT_NOT_FOUND', `No product ${productId} of this supplier.`);
}

/**
 * A restaurant's carts, one open cart per supplier (created with its first line). Members of the
 * restaurant (any role), admins, and its keys with orders:read (reads) or orders:write (changes).
 */
export class CartService {
  readonly #deps: CartServiceDeps;

  constructor(deps: CartServiceDeps) {
    this.#deps = deps;
  }

  async get(acting: Acting, restaurantId: string, supplierId: string): Promise<CartView> {
    const [, context] = await Promise.all([
      this.#authorize(acting, restaurantId, 'orders:read'),
      this.#context(restaurantId, supplierId),
    ]);
    return this.#view(restaurantId, supplierId, context);
  }

  /** The restaurant's open carts, most recently changed first. */
  async list(acting: Acting, restaurantId: string): Promise<CartView[]> {
    await this.#authorize(acting, restaurantId, 'orders:read');
    const supplierIds = await this.#deps.carts.openSupplierIds(restaurantId);
    const views = await Promise.all(
      supplierIds.map(async (supplierId) => {
        const context = await this.#deps.carts.context(restaurantId, supplierId);
        return context ? this.#view(restaurantId, supplierId, context) : null;
      }),
    );
    return views.filter((view): view is CartView => view !== null);
  }

  /** Sets (not adds) a product's quantity in the cart, creating the cart with its first line. */
  async setLine(
    acting: Acting,
    restaurantId: string,
    supplierId: string,
    productId: string,
    quantityInput: string | number,
  ): Promise<CartView> {
    const quantity = parseQuantity(quantityInput);
    if (!isUuid(productId)) throw productNotFound(productId);
    const [, context] = await Promise.all([
      this.#authorize(acting, restaurantId, 'orders:write'),
      this.#context(restaurantId, supplierId, productId),
    ]);
    if (context.relationshipStatus !== 'active') {
      throw new AppError('CUSTOMER_NOT_ACTIVE', `You are not an active customer of ${context.supplierName}.`);
    }
    if (!context.product || context.product.deleted) throw productNotFound(productId);
    if (!context.product.active) {
      throw new AppError('PRODUCT_INACTIVE', 'This product can no longer be ordered.', {
        productIds: [productId],
      });
    }
    await this.#deps.carts.setLine(restaurantId, supplierId, productId, quantity.toFixed(3));
    return this.#view(restaurantId, supplierId, context);
  }

  /** Removes a product from the cart (nothing happens when it is not there). */
  async removeLine(
    acting: Acting,
    restaurantId: string,
    supplierId: string,
    productId: string,
  ): Promise<CartView> {
    if (!isUuid(productId)) throw productNotFound(productId);
    const [, context] = await Promise.all([
      this.#authorize(acting, restaurantId, 'orders:write'),
      this.#context(restaurantId, supplierId),
    ]);
    await this.#deps.carts.removeLine(restaurantId, supplierId, productId);
    return this.#view(restaurantId, supplierId, context);
  }

  /** Empties the cart (it is discarded; the next line opens a new one). */
  async clear(acting: Acting, restaurantId: string, supplierId: string): Promise<CartView> {
    const [, context] = await Promise.all([
      this.#authorize(acting, restaurantId, 'orders:write'),
      this.#context(restaurantId, supplierId),
    ]);
    await this.#deps.carts.discard(restaurantId, supplierId);
    return this.#view(restaurantId, supplierId, context);
  }

  /**
   * Sets the requested delivery date, address and note (null clears). A date that is not deliverable is
   * kept but shows as a blocker, as it would when its cut-off passes later.
   */
  async update(
    acting: Acting,
    restaurantId: string,
    supplierId: string,
    patch: CartDetailsPatch,
  ): Promise<CartView> {
    const [, context] = await Promise.all([
      this.#authorize(acting, restaurantId, 'orders:write'),
      this.#context(restaurantId, supplierId),
    ]);
    if (patch.requestedDeliveryDate && !isIsoDate(patch.requestedDeliveryDate)) {
      throw new AppError('VALIDATION_FAILED', 'The requested delivery date must be yyyy-MM-dd.', {
        issues: [{ path: 'requestedDeliveryDate', message: 'Not a date', code: 'invalid_date' }],
      });
    }
    const note = patch.note === undefined ? undefined : patch.note?.trim() || null;
    if (note && note.length > MAX_NOTE_LENGTH) {
      throw new AppError('VALIDATION_FAILED', `A note is at most ${MAX_NOTE_LENGTH} characters.`, {
        issues: [{ path: 'note', message: 'Too long', code: 'too_big' }],
      });
    }
    const addressId = patch.deliveryAddressId;
    if (
      addressId &&
      (!isUuid(addressId) || !(await this.#deps.carts.addressBelongs(restaurantId, addressId)))
    ) {
      throw new AppError(
        'DELIVERY_ADDRESS_NOT_FOUND',
        `No delivery address ${addressId} of this restaurant.`,
      );
    }
    await this.#deps.carts.updateDetails(restaurantId, supplierId, {
      requestedDeliveryDate: patch.requestedDeliveryDate,
      deliveryAddressId: addressId,
      note,
    });
    return this.#view(restaurantId, supplierId, context);
  }

  /** The next `count` dates the restaurant can get a delivery from the supplier, with their cut-offs. */
  async deliveryDates(
    acting: Acting,
    restaurantId: string,
    supplierId: string,
    count: number,
  ): Promise<{ dates: DeliveryCutoff[]; customerActive: boolean }> {
    const [, context] = await Promise.all([
      this.#authorize(acting, restaurantId, 'orders:read'),
      this.#context(restaurantId, supplierId),
    ]);
    return {
      dates: nextDeliveryDates(
        effectiveCutoff(context.orderCutoff),
        context.deliveryDays,
        this.#deps.clock.now(),
        count,
      ),
      customerActive: context.relationshipStatus === 'active',
    };
  }

  async #authorize(acting: Acting, restaurantId: string, permission: 'orders:read' | 'orders:write') {
    return this.#deps.access.organization(acting, restaurantId, 'restaurant', permission);
  }

  async #context(
    restaurantId: string,
    supplierId: string,
    productId: string | null = null,
  ): Promise<CartContext> {
    if (!isUuid(supplierId) || !isUuid(restaurantId)) throw supplierNotFound(supplierId);
    const context = await this.#deps.carts.context(restaurantId, supplierId, productId);
    if (!context) throw supplierNotFound(supplierId);
    return context;
  }

  async #view(restaurantId: string, supplierId: string, context: CartContext): Promise<CartView> {
    const now = this.#deps.clock.now();
    const cart = await this.#deps.carts.findOpen(restaurantId, supplierId, now);
    return buildCartView({
      restaurantId,
      supplierId,
      context,
      cutoff: effectiveCutoff(context.orderCutoff),
      cart,
      now,
    });
  }
}
