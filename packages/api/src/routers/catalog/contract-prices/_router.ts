import { authedProcedure, router } from '../../../trpc.ts';
import { contractPriceEndHandler } from './end.handler.ts';
import { ZContractPriceEndInput, ZContractPriceEndOutput } from './end.schema.ts';
import { contractPriceGetHandler } from './get.handler.ts';
import { ZContractPriceGetInput, ZContractPriceGetOutput } from './get.schema.ts';
import { contractPriceListHandler } from './list.handler.ts';
import { ZContractPriceListInput, ZContractPriceListOutput } from './list.schema.ts';
import { contractPriceSetHandler } from './set.handler.ts';
import { ZContractPriceSetInput, ZContractPriceSetOutput } from './set.schema.ts';

/**
 * Contract prices (one customer, one product, a period; they beat every list), supplier side: members,
 * admins, keys with catalog:read / catalog:write. Restaurants see their effect in search and price history.
 */
export const contractPricesRouter = router({
  set: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/suppliers/{supplierId}/contract-prices',
        tags: ['catalog'],
        summary:
          'Set a customer’s contract price for a product from validFrom (default now) to validTo; the contract in force then is closed (key: catalog:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without catalog:write',
          404: 'No such supplier, customer or product that you can see',
          409: 'A later contract overlaps the period',
        },
      },
    })
    .input(ZContractPriceSetInput)
    .output(ZContractPriceSetOutput)
    .mutation(contractPriceSetHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}/contract-prices',
        tags: ['catalog'],
        summary: 'The supplier’s contract prices, latest start first; per customer with restaurantId',
        errorResponses: { 403: 'A key without catalog:read', 404: 'No such supplier that you can see' },
      },
    })
    .input(ZContractPriceListInput)
    .output(ZContractPriceListOutput)
    .query(contractPriceListHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/contract-prices/{contractPriceId}',
        tags: ['catalog'],
        summary: 'One contract price',
        errorResponses: { 403: 'A key without catalog:read', 404: 'No such contract price that you can see' },
      },
    })
    .input(ZContractPriceGetInput)
    .output(ZContractPriceGetOutput)
    .query(contractPriceGetHandler),

  end: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/contract-prices/{contractPriceId}/end',
        tags: ['catalog'],
        summary: 'End a contract price at an instant (default now); one not started yet is withdrawn',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without catalog:write',
          404: 'No such contract price that you can see',
          409: 'It ends before then already (INVALID_STATE_TRANSITION)',
        },
      },
    })
    .input(ZContractPriceEndInput)
    .output(ZContractPriceEndOutput)
    .mutation(contractPriceEndHandler),
});
