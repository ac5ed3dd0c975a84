import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { CatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import type { NotificationServices } from '@iris/notifications';
import type { OrderingServices } from '../services.ts';

export interface RepeatBuyingDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  catalog: CatalogServices;
  notifications: NotificationServices;
  ordering: OrderingServices;
}

/** Order guides, reorder and standing orders, built once per app from their dependencies. */
export function createRepeatBuyingServices(deps: RepeatBuyingDeps) {
  void deps;
  return {};
}

export type RepeatBuyingServices = ReturnType<typeof createRepeatBuyingServices>;
