import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { CatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';

export interface MenuDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  catalog: CatalogServices;
}

/** Menus and recipes, built once per app from their dependencies. */
export function createMenuServices(deps: MenuDeps) {
  void deps;
  return {};
}

export type MenuServices = ReturnType<typeof createMenuServices>;
