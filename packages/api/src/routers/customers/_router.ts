import { authedProcedure, router } from '../../trpc.ts';
import { customerApproveHandler } from './approve.handler.ts';
import { ZCustomerApproveInput, ZCustomerApproveOutput } from './approve.schema.ts';
import { customerBlockHandler } from './block.handler.ts';
import { ZCustomerBlockInput, ZCustomerBlockOutput } from './block.schema.ts';
import { customerGetHandler } from './get.handler.ts';
import { ZCustomerGetInput, ZCustomerGetOutput } from './get.schema.ts';
import { customerListForRestaurantHandler } from './list-for-restaurant.handler.ts';
import {
  ZCustomerListForRestaurantInput,
  ZCustomerListForRestaurantOutput,
} from './list-for-restaurant.schema.ts';
import { customerListForSupplierHandler } from './list-for-supplier.handler.ts';
import { ZCustomerListForSupplierInput, ZCustomerListForSupplierOutput } from './list-for-supplier.schema.ts';
import { customerRequestHandler } from './request.handler.ts';
import { ZCustomerRequestInput, ZCustomerRequestOutput } from './request.schema.ts';
import { customerUpdateTermsHandler } from './update-terms.handler.ts';
import { ZCustomerUpdateTermsInput, ZCustomerUpdateTermsOutput } from './update-terms.schema.ts';
import { customerWithdrawHandler } from './withdraw.handler.ts';
import { ZCustomerWithdrawInput, ZCustomerWithdrawOutput } from './withdraw.schema.ts';

/**
 * Customer relationships between restaurants and suppliers. Object-level checks are in CustomerService:
 * each side's members (any role), admins, and the side's API keys with customers:read / customers:write.
 */
export const customersRouter = router({
  request: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants/{restaurantId}/suppliers',
        tags: ['customers'],
        summary:
          'Ask a supplier to take this restaurant on as a customer (members of the restaurant; key: customers:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without customers:write',
          404: 'No such restaurant that you can see, or no such supplier',
          409: 'The restaurant already has a relationship with this supplier',
        },
      },
    })
    .input(ZCustomerRequestInput)
    .output(ZCustomerRequestOutput)
    .mutation(customerRequestHandler),

  listForRestaurant: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/suppliers',
        tags: ['customers'],
        summary: "The restaurant's suppliers: its customer relationships, newest first (key: customers:read)",
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without customers:read',
          404: 'No such restaurant',
        },
      },
    })
    .input(ZCustomerListForRestaurantInput)
    .output(ZCustomerListForRestaurantOutput)
    .query(customerListForRestaurantHandler),

  listForSupplier: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}/customers',
        tags: ['customers'],
        summary:
          "The supplier's customers and requests, newest first, filtered by status or name/customer number (key: customers:read)",
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without customers:read',
          404: 'No such supplier',
        },
      },
    })
    .input(ZCustomerListForSupplierInput)
    .output(ZCustomerListForSupplierOutput)
    .query(customerListForSupplierHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/customer-relationships/{relationshipId}',
        tags: ['customers'],
        summary: 'One customer relationship (members of either side; key: customers:read)',
        errorResponses: { 403: 'A key without customers:read', 404: 'No such relationship that you can see' },
      },
    })
    .input(ZCustomerGetInput)
    .output(ZCustomerGetOutput)
    .query(customerGetHandler),

  approve: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/customer-relationships/{relationshipId}/approve',
        tags: ['customers'],
        summary:
          'Supplier side: approve a request or lift a block (requested|blocked → active), optionally setting terms (key: customers:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'The restaurant side, or a key without customers:write',
          404: 'No such relationship that you can see',
          409: 'Already active (INVALID_STATE_TRANSITION), or the customer number is taken',
        },
      },
    })
    .input(ZCustomerApproveInput)
    .output(ZCustomerApproveOutput)
    .mutation(customerApproveHandler),

  block: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/customer-relationships/{relationshipId}/block',
        tags: ['customers'],
        summary:
          'Supplier side: block a customer or refuse a request (requested|active → blocked) with a reason',
        errorResponses: {
          400: 'Invalid input',
          403: 'The restaurant side, or a key without customers:write',
          404: 'No such relationship that you can see',
          409: 'Already blocked (INVALID_STATE_TRANSITION)',
        },
      },
    })
    .input(ZCustomerBlockInput)
    .output(ZCustomerBlockOutput)
    .mutation(customerBlockHandler),

  updateTerms: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/customer-relationships/{relationshipId}',
        tags: ['customers'],
        summary:
          'Supplier side: change customer number, payment terms, price list, delivery days or minimum order value',
        errorResponses: {
          400: 'Invalid input',
          403: 'The restaurant side, or a key without customers:write',
          404: 'No such relationship that you can see',
          409: 'The customer number is taken',
        },
      },
    })
    .input(ZCustomerUpdateTermsInput)
    .output(ZCustomerUpdateTermsOutput)
    .mutation(customerUpdateTermsHandler),

  withdraw: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/customer-relationships/{relationshipId}',
        tags: ['customers'],
        summary:
          'Restaurant side: withdraw the request or end the relationship, in any status (key: customers:write)',
        errorResponses: {
          403: 'The supplier side, or a key without customers:write',
          404: 'No such relationship that you can see',
          409: 'No longer requested (INVALID_STATE_TRANSITION)',
        },
      },
    })
    .input(ZCustomerWithdrawInput)
    .output(ZCustomerWithdrawOutput)
    .mutation(customerWithdrawHandler),
});
