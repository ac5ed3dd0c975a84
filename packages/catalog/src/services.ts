import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { IdentityServices } from '@iris/identity';
import { CatalogAccess, CustomerLinkRepository } from './catalog-access.ts';
import { CategoryRepository } from './category.repository.ts';
import { ContractPriceService } from './contract-price.service.ts';
import { CatalogImportRepository } from './import.repository.ts';
import { CatalogImportService } from './import.service.ts';
import { PriceHistoryService } from './price-history.service.ts';
import { PriceListService } from './price-list.service.ts';
import { PriceRepository } from './price.repository.ts';
import { PriceWriter } from './price-writer.ts';
import { PriceResolver } from './pricing.ts';
import { ProductLookupRepository } from './product-lookup.repository.ts';
import { ProductRepository } from './product.repository.ts';
import { ProductService } from './product.service.ts';
import { CatalogSearchService } from './search.service.ts';

export interface CatalogDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
}

/** Everything the catalogue area offers, built once per app from its dependencies. */
export function createCatalogServices(deps: CatalogDeps) {
  const { db, clock } = deps;
  const prices = new PriceResolver(db);
  const access = new CatalogAccess(deps.identity.access, new CustomerLinkRepository(db));
  const audit = deps.identity.audit;
  const productRepository = new ProductRepository(db);
  const categories = new CategoryRepository(db);
  const priceRepository = new PriceRepository(db);
  const writer = new PriceWriter(priceRepository);
  const shared = { db, clock, access, audit, priceRepository };
  return {
    prices,
    categories,
    /** Products as one restaurant sees them (for guides, standing orders, recipes). */
    productLookup: new ProductLookupRepository(db),
    products: new ProductService({
      ...shared,
      products: productRepository,
      categories,
      writer,
      prices,
    }),
    imports: new CatalogImportService({
      ...shared,
      imports: new CatalogImportRepository(db),
      products: productRepository,
      categories,
      writer,
    }),
    priceLists: new PriceListService({ ...shared, products: productRepository, writer }),
    contractPrices: new ContractPriceService({ ...shared, products: productRepository }),
    priceHistory: new PriceHistoryService({ priceRepository, products: productRepository, access }),
    search: new CatalogSearchService({ db, access, clock }),
  };
}

export type CatalogServices = ReturnType<typeof createCatalogServices>;
