import { authedProcedure, router } from '../../trpc.ts';
import { creditRequestGetHandler } from './get.handler.ts';
import { ZCreditRequestGetInput, ZCreditRequestGetOutput } from './get.schema.ts';
import { creditRequestListForRestaurantHandler } from './list-for-restaurant.handler.ts';
import {
  ZCreditRequestListForRestaurantInput,
  ZCreditRequestListForRestaurantOutput,
} from './list-for-restaurant.schema.ts';
import { creditRequestListForSupplierHandler } from './list-for-supplier.handler.ts';
import {
  ZCreditRequestListForSupplierInput,
  ZCreditRequestListForSupplierOutput,
} from './list-for-supplier.schema.ts';
import { creditRequestWithdrawHandler } from './withdraw.handler.ts';
import { ZCreditRequestWithdrawInput, ZCreditRequestWithdrawOutput } from './withdraw.schema.ts';

const TAGS = ['invoices'];

/**
 * What restaurants ask suppliers to credit after disputing an invoice. The restaurant's members, admins
 * and keys see its requests; the supplier's members and keys (invoices:read) see those addressed to it.
 */
export const creditRequestsRouter = router({
  listForRestaurant: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/credit-requests',
        tags: TAGS,
        summary: "The restaurant's credit requests, newest first (key: invoices:read)",
        errorResponses: { 403: 'A key without invoices:read', 404: 'No such restaurant' },
      },
    })
    .input(ZCreditRequestListForRestaurantInput)
    .output(ZCreditRequestListForRestaurantOutput)
    .query(creditRequestListForRestaurantHandler),

  listForSupplier: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}/credit-requests',
        tags: TAGS,
        summary: 'Credit requests addressed to the supplier, newest first (key: invoices:read)',
        errorResponses: { 403: 'A key without invoices:read', 404: 'No such supplier' },
      },
    })
    .input(ZCreditRequestListForSupplierInput)
    .output(ZCreditRequestListForSupplierOutput)
    .query(creditRequestListForSupplierHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/credit-requests/{creditRequestId}',
        tags: TAGS,
        summary: 'One credit request, for its restaurant or its supplier (key: invoices:read)',
        errorResponses: {
          403: 'A key without invoices:read',
          404: 'No such credit request that you can see',
        },
      },
    })
    .input(ZCreditRequestGetInput)
    .output(ZCreditRequestGetOutput)
    .query(creditRequestGetHandler),

  withdraw: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/credit-requests/{creditRequestId}/withdraw',
        tags: TAGS,
        summary: 'The restaurant takes an open credit request back; audited (key: invoices:write)',
        errorResponses: {
          403: 'A key without invoices:write',
          404: 'No such credit request that you can see',
          409: 'Already credited or withdrawn',
        },
      },
    })
    .input(ZCreditRequestWithdrawInput)
    .output(ZCreditRequestWithdrawOutput)
    .mutation(creditRequestWithdrawHandler),
});
