import { authedProcedure, router } from '../../trpc.ts';
import { catalogCategoriesHandler } from './categories.handler.ts';
import { ZCategoriesInput, ZCategoriesOutput } from './categories.schema.ts';
import { contractPricesRouter } from './contract-prices/_router.ts';
import { importsRouter } from './imports/_router.ts';
import { priceListsRouter } from './price-lists/_router.ts';
import { productsRouter } from './products/_router.ts';
import { catalogSearchHandler } from './search.handler.ts';
import { ZCatalogSearchInput, ZCatalogSearchOutput } from './search.schema.ts';

/** The catalogue: search, categories, products, imports, price lists and contract prices. */
export const catalogRouter = router({
  search: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/catalog/search',
        tags: ['catalog'],
        summary:
          'Search (or browse) the catalogues of the suppliers this restaurant is an active customer of, with its prices (members; key: catalog:read)',
        errorResponses: {
          400: 'Invalid input or cursor',
          403: 'A key without catalog:read',
          404: 'No such restaurant that you can see',
        },
      },
    })
    .input(ZCatalogSearchInput)
    .output(ZCatalogSearchOutput)
    .query(catalogSearchHandler),

  categories: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/catalog/categories',
        tags: ['catalog'],
        summary: 'The shared category tree (any signed-in caller)',
      },
    })
    .input(ZCategoriesInput)
    .output(ZCategoriesOutput)
    .query(catalogCategoriesHandler),

  products: productsRouter,
  imports: importsRouter,
  priceLists: priceListsRouter,
  contractPrices: contractPricesRouter,
});
