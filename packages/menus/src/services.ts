import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { CatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import { MenuRepository } from './menu.repository.ts';
import { MenuService } from './menu.service.ts';

export interface MenuDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  catalog: CatalogServices;
}

/** Menus and recipes, built once per app from their dependencies. */
export function createMenuServices(deps: MenuDeps) {
  const items = new MenuService({
    db: deps.db,
    repository: new MenuRepository(deps.db),
    access: deps.identity.access,
    prices: deps.catalog.prices,
    products: deps.catalog.productLookup,
    clock: deps.clock,
  });
  return { items };
}

export type MenuServices = ReturnType<typeof createMenuServices>;
