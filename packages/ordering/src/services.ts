import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { CatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import type { NotificationServices } from '@iris/notifications';

export interface OrderingDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  catalog: CatalogServices;
  notifications: NotificationServices;
}

/** Everything the ordering area offers (carts, orders), built once per app from its dependencies. */
export function createOrderingServices(deps: OrderingDeps) {
  void deps;
  return {};
}

export type OrderingServices = ReturnType<typeof createOrderingServices>;
