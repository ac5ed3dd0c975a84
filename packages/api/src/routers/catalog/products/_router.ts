import { authedProcedure, router } from '../../../trpc.ts';
import { productCreateHandler } from './create.handler.ts';
import { ZProductCreateInput, ZProductCreateOutput } from './create.schema.ts';
import { productGetHandler } from './get.handler.ts';
import { ZProductGetInput, ZProductGetOutput } from './get.schema.ts';
import { productListHandler } from './list.handler.ts';
import { ZProductListInput, ZProductListOutput } from './list.schema.ts';
import { productPriceHistoryHandler } from './price-history.handler.ts';
import { ZProductPriceHistoryInput, ZProductPriceHistoryOutput } from './price-history.schema.ts';
import { productUpdateHandler } from './update.handler.ts';
import { ZProductUpdateInput, ZProductUpdateOutput } from './update.schema.ts';

/**
 * Products per supplier. Supplier side: members (owners and staff), admins, keys with catalog:read /
 * catalog:write. Restaurant side (restaurantId): members, admins, keys with catalog:read, of a restaurant
 * that is an active customer; active products only, with its prices. Checks are in the catalogue services.
 */
export const productsRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/suppliers/{supplierId}/products',
        tags: ['catalog'],
        summary:
          'Add a product to the supplier’s catalogue, optionally with its list price (key: catalog:write)',
        errorResponses: {
          400: 'Invalid input (GTIN check digit, unit, price with more than 3 decimals …)',
          403: 'A key without catalog:write',
          404: 'No such supplier that you can see',
          409: 'The SKU is taken',
        },
      },
    })
    .input(ZProductCreateInput)
    .output(ZProductCreateOutput)
    .mutation(productCreateHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}/products',
        tags: ['catalog'],
        summary:
          'The supplier’s products by name: all of them for its side, the active ones with prices for a customer (restaurantId)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without catalog:read',
          404: 'No such supplier (or restaurant) that you can see',
          409: 'The restaurant is not an active customer of the supplier (CUSTOMER_NOT_ACTIVE)',
        },
      },
    })
    .input(ZProductListInput)
    .output(ZProductListOutput)
    .query(productListHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/products/{productId}',
        tags: ['catalog'],
        summary: 'One product (the supplier’s side; or a customer with restaurantId, with its price)',
        errorResponses: { 403: 'A key without catalog:read', 404: 'No such product that you can see' },
      },
    })
    .input(ZProductGetInput)
    .output(ZProductGetOutput)
    .query(productGetHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/products/{productId}',
        tags: ['catalog'],
        summary:
          'Change a product (only the fields given); active: false deactivates; listPrice sets a new list price from now',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without catalog:write',
          404: 'No such product that you can see',
          409: 'The SKU is taken',
        },
      },
    })
    .input(ZProductUpdateInput)
    .output(ZProductUpdateOutput)
    .mutation(productUpdateHandler),

  priceHistory: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/products/{productId}/price-history',
        tags: ['catalog'],
        summary:
          'Every price of the product over time: the supplier’s side sees all lists and contracts, a restaurant what applied to it',
        errorResponses: {
          403: 'A key without catalog:read',
          404: 'No such product that you can see, or the restaurant is not a customer',
        },
      },
    })
    .input(ZProductPriceHistoryInput)
    .output(ZProductPriceHistoryOutput)
    .query(productPriceHistoryHandler),
});
