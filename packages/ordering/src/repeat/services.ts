import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { CatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import type { NotificationServices } from '@iris/notifications';
import { OrderAccess } from '../order-access.ts';
import type { OrderingServices } from '../services.ts';
import { CartFiller } from './cart-filler.ts';
import { OrderGuideRepository } from './order-guide.repository.ts';
import { OrderGuideService } from './order-guide.service.ts';
import { ReorderRepository } from './reorder.repository.ts';
import { ReorderService } from './reorder.service.ts';
import { StandingOrderRepository } from './standing-order.repository.ts';
import { StandingOrderRunner } from './standing-order.runner.ts';
import { StandingOrderService } from './standing-order.service.ts';

export interface RepeatBuyingDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  catalog: CatalogServices;
  notifications: NotificationServices;
  ordering: OrderingServices;
}

/**
 * Order guides, reorder and standing orders, built once per app from their dependencies: `orderGuides`,
 * `reorder`, `standingOrders` (CRUD) and `standingOrderRunner` (what the worker does).
 */
export function createRepeatBuyingServices(deps: RepeatBuyingDeps) {
  const products = deps.catalog.productLookup;
  const reorders = new ReorderRepository(deps.db);
  const standingOrderRepository = new StandingOrderRepository(deps.db);
  const filler = new CartFiller({
    clock: deps.clock,
    carts: deps.ordering.carts,
    products,
    reorders,
    prices: deps.catalog.prices,
  });
  const orderGuides = new OrderGuideService({
    db: deps.db,
    clock: deps.clock,
    guides: new OrderGuideRepository(deps.db),
    products,
    prices: deps.catalog.prices,
    access: deps.identity.access,
    filler,
  });
  const reorder = new ReorderService({ reorders, access: new OrderAccess(deps.identity.access), filler });
  const standingOrders = new StandingOrderService({
    db: deps.db,
    clock: deps.clock,
    standingOrders: standingOrderRepository,
    products,
    access: deps.identity.access,
    audit: deps.identity.audit,
  });
  const standingOrderRunner = new StandingOrderRunner({
    db: deps.db,
    clock: deps.clock,
    standingOrders: standingOrderRepository,
    orders: deps.ordering.orders,
    publisher: deps.notifications.publisher,
  });
  return { orderGuides, reorder, standingOrders, standingOrderRunner };
}

export type RepeatBuyingServices = ReturnType<typeof createRepeatBuyingServices>;
