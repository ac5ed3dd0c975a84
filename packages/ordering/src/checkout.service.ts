import { AppError, dec, type Clock } from '@iris/core';
import type { Db, Tx } from '@iris/db';
import { actorKey, type Acting } from '@iris/identity';
import { effectiveCutoff, nextDeliveryDates, dateFromDb } from './calendar/index.ts';
import type { CartRepository } from './cart.repository.ts';
import { requestHash, requireIdempotencyKey, type IdempotencyStore } from './idempotency.store.ts';
import { isUuid, type OrderAccess } from './order-access.ts';
import type { OrderRecord, OrderRepository } from './order.repository.ts';
import type { OrderService } from './order.service.ts';

export interface CheckoutInput {
  /** yyyy-MM-dd; default: the cart's requested date, else the next possible one. */
  requestedDeliveryDate?: string | null | undefined;
  /** default: the cart's address, else the restaurant's default one. */
  deliveryAddressId?: string | null | undefined;
  note?: string | null | undefined;
}

export const PLACE_ORDER_OPERATION = 'orders.place';

export interface CheckoutServiceDeps {
  db: Db;
  clock: Clock;
  carts: CartRepository;
  orders: OrderRepository;
  placement: OrderService;
  access: OrderAccess;
  idempotency: IdempotencyStore;
}

/**
 * Checking out a cart: one order per Idempotency-Key (a retried or duplicated request returns the order
 * the first one placed) and per cart (the cart row is locked, so two different keys cannot both check it
 * out). The key row, the order and the cart's new state commit together.
 */
export class CheckoutService {
  readonly #deps: CheckoutServiceDeps;

  constructor(deps: CheckoutServiceDeps) {
    this.#deps = deps;
  }

  /** Returns the order and whether it was placed by this request (false: a replay of an earlier one). */
  async checkout(
    acting: Acting,
    restaurantId: string,
    supplierId: string,
    idempotencyKey: string | undefined,
    input: CheckoutInput,
  ): Promise<{ order: OrderRecord; replayed: boolean }> {
    await this.#deps.access.organization(acting, restaurantId, 'restaurant', 'orders:write');
    const key = requireIdempotencyKey(idempotencyKey);
    if (!isUuid(supplierId)) throw new AppError('ORGANIZATION_NOT_FOUND', `No supplier ${supplierId}.`);
    const request = {
      scope: actorKey(acting.actor),
      key,
      operation: PLACE_ORDER_OPERATION,
      requestHash: requestHash({
        restaurantId,
        supplierId,
        requestedDeliveryDate: input.requestedDeliveryDate ?? null,
        deliveryAddressId: input.deliveryAddressId ?? null,
        note: input.note ?? null,
      }),
    };

    const outcome = await this.#deps.db.$transaction(
      async (tx): Promise<{ order: OrderRecord } | { replayOf: string | null }> => {
        const now = this.#deps.clock.now();
        const claim = await this.#deps.idempotency.claim(tx, request, now);
        if (claim.kind === 'replay') {
          const body = claim.responseBody as { orderId?: unknown } | null;
          return { replayOf: typeof body?.orderId === 'string' ? body.orderId : null };
        }
        const cart = await this.#deps.carts.lockOpen(restaurantId, supplierId, tx);
        if (!cart || cart.lines.length === 0) {
          throw new AppError('CART_EMPTY', 'There is no open cart with this supplier to check out.');
        }
        const date =
          input.requestedDeliveryDate ??
          (cart.header.requestedDeliveryDate ? dateFromDb(cart.header.requestedDeliveryDate) : null) ??
          (await this.#nextDate(restaurantId, supplierId, now, tx));
        const order = await this.#deps.placement.placeOrder(
          acting,
          {
            restaurantId,
            supplierId,
            lines: cart.lines.map((line) => ({
              productId: line.productId,
              quantity: dec(line.quantity.toString()),
            })),
            requestedDeliveryDate: date,
            deliveryAddressId:
              input.deliveryAddressId !== undefined ? input.deliveryAddressId : cart.header.deliveryAddressId,
            note: input.note !== undefined ? input.note : cart.header.note,
            source: 'cart',
            cartId: cart.header.id,
          },
          tx,
        );
        await this.#deps.carts.markCheckedOut(cart.header.id, now, tx);
        await this.#deps.idempotency.complete(tx, claim.id, 201, { orderId: order.id }, now);
        return { order };
      },
      // Requests with one key queue on its row: give them time to get a connection and to wait.
      { timeout: 20_000, maxWait: 20_000 },
    );
    if ('order' in outcome) return { order: outcome.order, replayed: false };
    const order = outcome.replayOf ? await this.#deps.orders.findById(outcome.replayOf) : null;
    if (!order) {
      throw new AppError('CONFLICT', 'The order this Idempotency-Key placed no longer exists.');
    }
    return { order, replayed: true };
  }

  async #nextDate(restaurantId: string, supplierId: string, now: Date, tx: Tx): Promise<string> {
    const context = await this.#deps.carts.context(restaurantId, supplierId, null, tx);
    if (!context) throw new AppError('ORGANIZATION_NOT_FOUND', `No supplier ${supplierId}.`);
    const next = nextDeliveryDates(effectiveCutoff(context.orderCutoff), context.deliveryDays, now, 1)[0];
    if (!next) {
      throw new AppError('DELIVERY_DATE_NOT_AVAILABLE', 'There is no delivery date available.', {
        reason: 'NO_DELIVERY_DATE',
        nextDates: [],
      });
    }
    return next.date;
  }
}
