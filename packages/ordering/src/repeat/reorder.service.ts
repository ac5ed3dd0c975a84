import { AppError, dec } from '@iris/core';
import type { Acting } from '@iris/identity';
import { isUuid, orderNotFound, type OrderAccess } from '../order-access.ts';
import type { CartFiller, FilledCart, SkippedLine } from './cart-filler.ts';
import type { ReorderRepository } from './reorder.repository.ts';

export interface ReorderResult {
  orderId: string;
  orderNumber: number;
  supplierId: string;
  /** The open cart with the order's supplier (null when nothing could be added and there was none). */
  cart: FilledCart | null;
  skipped: SkippedLine[];
}

/**
 * "Order this again": an order's lines go into the open cart with its supplier, added to what is there,
 * at the prices of now (the cart's). Products no longer sold are skipped and reported. Only the order's
 * restaurant (members, admins, keys with orders:write); its supplier gets 403, anyone else 404.
 */
export class ReorderService {
  readonly #deps: { reorders: ReorderRepository; access: OrderAccess; filler: CartFiller };

  constructor(deps: { reorders: ReorderRepository; access: OrderAccess; filler: CartFiller }) {
    this.#deps = deps;
  }

  async fromOrder(acting: Acting, orderId: string): Promise<ReorderResult> {
    if (!isUuid(orderId)) throw orderNotFound(orderId);
    const order = await this.#deps.reorders.order(orderId);
    if (!order) throw orderNotFound(orderId);
    await this.#deps.access.authorize(acting, order, ['restaurant'], 'orders:write');
    const result = await this.#deps.filler.add(
      acting,
      order.restaurantId,
      order.lines.map((line) => ({ productId: line.productId, quantity: dec(line.quantity.toString()) })),
    );
    // All of an order's products are its supplier's: one of them says the whole order is out of reach.
    if (result.skipped.some((line) => line.reason === 'supplier_not_active')) {
      throw new AppError(
        'CUSTOMER_NOT_ACTIVE',
        'The restaurant is no longer an active customer of this supplier.',
        {
          supplierId: order.supplierId,
        },
      );
    }
    return {
      orderId: order.id,
      orderNumber: order.number,
      supplierId: order.supplierId,
      // An order's products are all its supplier's: one cart at most.
      cart: result.carts[0] ?? null,
      skipped: result.skipped,
    };
  }
}
