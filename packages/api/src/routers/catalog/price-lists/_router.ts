import { authedProcedure, router } from '../../../trpc.ts';
import { priceListCreateHandler } from './create.handler.ts';
import { ZPriceListCreateInput, ZPriceListCreateOutput } from './create.schema.ts';
import { priceListGetHandler } from './get.handler.ts';
import { ZPriceListGetInput, ZPriceListGetOutput } from './get.schema.ts';
import { priceListListHandler } from './list.handler.ts';
import { ZPriceListListInput, ZPriceListListOutput } from './list.schema.ts';
import { priceListPricesHandler } from './prices.handler.ts';
import { ZPriceListPricesInput, ZPriceListPricesOutput } from './prices.schema.ts';
import { priceListRenameHandler } from './rename.handler.ts';
import { ZPriceListRenameInput, ZPriceListRenameOutput } from './rename.schema.ts';
import { priceListSetPricesHandler } from './set-prices.handler.ts';
import { ZPriceListSetPricesInput, ZPriceListSetPricesOutput } from './set-prices.schema.ts';

const errors = {
  read: { 403: 'A key without catalog:read', 404: 'No such price list that you can see' },
  write: {
    400: 'Invalid input',
    403: 'A key without catalog:write',
    404: 'No such price list that you can see',
  },
};

/**
 * Price lists, supplier side only: members (owners and staff), admins, keys with catalog:read /
 * catalog:write. A customer list applies to the customers whose terms name it (customers.updateTerms).
 */
export const priceListsRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}/price-lists',
        tags: ['catalog'],
        summary: 'The supplier’s price lists: its base list (created on first use) and customer lists',
        errorResponses: { 403: 'A key without catalog:read', 404: 'No such supplier that you can see' },
      },
    })
    .input(ZPriceListListInput)
    .output(ZPriceListListOutput)
    .query(priceListListHandler),

  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/suppliers/{supplierId}/price-lists',
        tags: ['catalog'],
        summary: 'Create a customer price list (key: catalog:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without catalog:write',
          404: 'No such supplier that you can see',
        },
      },
    })
    .input(ZPriceListCreateInput)
    .output(ZPriceListCreateOutput)
    .mutation(priceListCreateHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/price-lists/{priceListId}',
        tags: ['catalog'],
        summary: 'One price list',
        errorResponses: errors.read,
      },
    })
    .input(ZPriceListGetInput)
    .output(ZPriceListGetOutput)
    .query(priceListGetHandler),

  rename: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/price-lists/{priceListId}',
        tags: ['catalog'],
        summary: 'Rename a price list (key: catalog:write)',
        errorResponses: errors.write,
      },
    })
    .input(ZPriceListRenameInput)
    .output(ZPriceListRenameOutput)
    .mutation(priceListRenameHandler),

  prices: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/price-lists/{priceListId}/prices',
        tags: ['catalog'],
        summary: 'The list’s prices in force at an instant (default now), by product name',
        errorResponses: errors.read,
      },
    })
    .input(ZPriceListPricesInput)
    .output(ZPriceListPricesOutput)
    .query(priceListPricesHandler),

  setPrices: authedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/price-lists/{priceListId}/prices',
        tags: ['catalog'],
        summary:
          'Set prices in bulk (by productId or sku; from validFrom, default now): a change closes the entry in force and opens a new one; an unchanged price writes nothing',
        errorResponses: {
          ...errors.write,
          404: 'No such price list that you can see, or a product not of this supplier (PRODUCT_NOT_FOUND)',
        },
      },
    })
    .input(ZPriceListSetPricesInput)
    .output(ZPriceListSetPricesOutput)
    .mutation(priceListSetPricesHandler),
});
