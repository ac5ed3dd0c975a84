import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { CatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import type { NotificationServices } from '@iris/notifications';
import { CartRepository } from './cart.repository.ts';
import { CartService } from './cart.service.ts';
import { CheckoutService } from './checkout.service.ts';
import { IdempotencyStore } from './idempotency.store.ts';
import { OrderAccess } from './order-access.ts';
import { OrderDeskService } from './order-desk.service.ts';
import { OrderRepository } from './order.repository.ts';
import { OrderService } from './order.service.ts';

export interface OrderingDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  catalog: CatalogServices;
  notifications: NotificationServices;
}

/**
 * Everything the ordering area offers, built once per app from its dependencies: `orders` (placeOrder,
 * the one way an order is created; reads), `orderDesk` (status changes), `carts` and `checkout`.
 */
export function createOrderingServices(deps: OrderingDeps) {
  const orderRepository = new OrderRepository(deps.db);
  const cartRepository = new CartRepository(deps.db);
  const access = new OrderAccess(deps.identity.access);
  const shared = {
    db: deps.db,
    clock: deps.clock,
    orders: orderRepository,
    prices: deps.catalog.prices,
    access,
    audit: deps.identity.audit,
    publisher: deps.notifications.publisher,
  };
  const orders = new OrderService(shared);
  const orderDesk = new OrderDeskService(shared);
  const carts = new CartService({ clock: deps.clock, carts: cartRepository, access });
  const checkout = new CheckoutService({
    db: deps.db,
    clock: deps.clock,
    carts: cartRepository,
    orders: orderRepository,
    placement: orders,
    access,
    idempotency: new IdempotencyStore(),
  });
  return { orders, orderDesk, carts, checkout };
}

export type OrderingServices = ReturnType<typeof createOrderingServices>;
