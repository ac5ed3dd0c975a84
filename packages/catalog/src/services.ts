import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { IdentityServices } from '@iris/identity';
import { PriceResolver } from './pricing.ts';

export interface CatalogDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
}

/** Everything the catalogue area offers, built once per app from its dependencies. */
export function createCatalogServices(deps: CatalogDeps) {
  const prices = new PriceResolver(deps.db);
  return { prices };
}

export type CatalogServices = ReturnType<typeof createCatalogServices>;
