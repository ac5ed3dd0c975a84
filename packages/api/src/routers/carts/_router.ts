import { authedProcedure, router } from '../../trpc.ts';
import { cartClearHandler } from './clear.handler.ts';
import { ZCartClearInput, ZCartClearOutput } from './clear.schema.ts';
import { cartDeliveryDatesHandler } from './delivery-dates.handler.ts';
import { ZCartDeliveryDatesInput, ZCartDeliveryDatesOutput } from './delivery-dates.schema.ts';
import { cartGetHandler } from './get.handler.ts';
import { ZCartGetInput, ZCartGetOutput } from './get.schema.ts';
import { cartListHandler } from './list.handler.ts';
import { ZCartListInput, ZCartListOutput } from './list.schema.ts';
import { cartRemoveLineHandler } from './remove-line.handler.ts';
import { ZCartRemoveLineInput, ZCartRemoveLineOutput } from './remove-line.schema.ts';
import { cartSetLineHandler } from './set-line.handler.ts';
import { ZCartSetLineInput, ZCartSetLineOutput } from './set-line.schema.ts';
import { cartUpdateHandler } from './update.handler.ts';
import { ZCartUpdateInput, ZCartUpdateOutput } from './update.schema.ts';

const READ_ERRORS = {
  400: 'Invalid input',
  403: 'A key without orders:read',
  404: 'No such restaurant that you can see, or no such supplier',
} as const;
const WRITE_ERRORS = {
  400: 'Invalid input',
  403: 'A key without orders:write',
  404: 'No such restaurant that you can see, supplier, product or address',
} as const;

/**
 * A restaurant's carts, one open cart per supplier. The restaurant's members (any role), admins and its
 * keys with orders:read (reads) / orders:write (changes); checked in CartService. Checkout is orders.place.
 */
export const cartsRouter = router({
  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/carts/{supplierId}',
        tags: ['carts'],
        summary:
          'The cart with one supplier: lines at your prices, VAT, totals, delivery date and what blocks checkout (an empty view when there is no cart)',
        errorResponses: READ_ERRORS,
      },
    })
    .input(ZCartGetInput)
    .output(ZCartGetOutput)
    .query(cartGetHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/carts',
        tags: ['carts'],
        summary: "The restaurant's open carts, most recently changed first (key: orders:read)",
        errorResponses: READ_ERRORS,
      },
    })
    .input(ZCartListInput)
    .output(ZCartListOutput)
    .query(cartListHandler),

  setLine: authedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/restaurants/{restaurantId}/carts/{supplierId}/lines/{productId}',
        tags: ['carts'],
        summary:
          'Set the quantity of a product in the cart (creates the cart on the first line; key: orders:write)',
        errorResponses: {
          ...WRITE_ERRORS,
          409: 'Not an active customer of the supplier (CUSTOMER_NOT_ACTIVE)',
          422: 'The product is inactive (PRODUCT_INACTIVE)',
        },
      },
    })
    .input(ZCartSetLineInput)
    .output(ZCartSetLineOutput)
    .mutation(cartSetLineHandler),

  removeLine: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/restaurants/{restaurantId}/carts/{supplierId}/lines/{productId}',
        tags: ['carts'],
        summary: 'Remove a product from the cart (no-op when it is not there; key: orders:write)',
        errorResponses: WRITE_ERRORS,
      },
    })
    .input(ZCartRemoveLineInput)
    .output(ZCartRemoveLineOutput)
    .mutation(cartRemoveLineHandler),

  clear: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/restaurants/{restaurantId}/carts/{supplierId}',
        tags: ['carts'],
        summary: 'Empty the cart with this supplier (key: orders:write)',
        errorResponses: WRITE_ERRORS,
      },
    })
    .input(ZCartClearInput)
    .output(ZCartClearOutput)
    .mutation(cartClearHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/restaurants/{restaurantId}/carts/{supplierId}',
        tags: ['carts'],
        summary: 'Set the requested delivery date, delivery address and note (key: orders:write)',
        errorResponses: WRITE_ERRORS,
      },
    })
    .input(ZCartUpdateInput)
    .output(ZCartUpdateOutput)
    .mutation(cartUpdateHandler),

  deliveryDates: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/carts/{supplierId}/delivery-dates',
        tags: ['carts'],
        summary:
          'The next possible delivery dates from this supplier, each with its cut-off in UTC and Stockholm time (key: orders:read)',
        errorResponses: READ_ERRORS,
      },
    })
    .input(ZCartDeliveryDatesInput)
    .output(ZCartDeliveryDatesOutput)
    .query(cartDeliveryDatesHandler),
});
