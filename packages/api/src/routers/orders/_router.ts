import { authedProcedure, router } from '../../trpc.ts';
import { orderCancelHandler } from './cancel.handler.ts';
import { ZOrderCancelInput, ZOrderCancelOutput } from './cancel.schema.ts';
import { orderCloseHandler } from './close.handler.ts';
import { ZOrderCloseInput, ZOrderCloseOutput } from './close.schema.ts';
import { orderConfirmHandler } from './confirm.handler.ts';
import { ZOrderConfirmInput, ZOrderConfirmOutput } from './confirm.schema.ts';
import { orderGetHandler } from './get.handler.ts';
import { ZOrderGetInput, ZOrderGetOutput } from './get.schema.ts';
import { orderInboxHandler } from './inbox.handler.ts';
import { ZOrderInboxInput, ZOrderInboxOutput } from './inbox.schema.ts';
import { orderListForRestaurantHandler } from './list-for-restaurant.handler.ts';
import { ZOrderListForRestaurantInput, ZOrderListForRestaurantOutput } from './list-for-restaurant.schema.ts';
import { orderMarkInvoicedHandler } from './mark-invoiced.handler.ts';
import { ZOrderMarkInvoicedInput, ZOrderMarkInvoicedOutput } from './mark-invoiced.schema.ts';
import { orderPlaceHandler } from './place.handler.ts';
import { ZIdempotencyHeaders, ZOrderPlaceInput, ZOrderPlaceOutput } from './place.schema.ts';
import { orderReceiveHandler } from './receive.handler.ts';
import { ZOrderReceiveInput, ZOrderReceiveOutput } from './receive.schema.ts';
import { orderRespondToChangesHandler } from './respond-to-changes.handler.ts';
import { ZOrderRespondToChangesInput, ZOrderRespondToChangesOutput } from './respond-to-changes.schema.ts';

const CHANGE_ERRORS = {
  400: 'Invalid input',
  403: 'The other side of the order, or a key without orders:write',
  404: 'No such order that you can see',
  409: 'Not allowed in the current status (INVALID_STATE_TRANSITION), or a stale version (ORDER_VERSION_CONFLICT)',
} as const;

/**
 * Orders: checkout (placing), the restaurant's orders, the supplier's order desk and the status changes.
 * Object-level checks are in the ordering services: the order's restaurant side (members, admins, its keys
 * with orders:read / orders:write) and supplier side likewise; anyone else gets 404 ORDER_NOT_FOUND.
 */
export const ordersRouter = router({
  place: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants/{restaurantId}/carts/{supplierId}/checkout',
        tags: ['orders'],
        summary:
          'Check out the cart with this supplier: places the order (restaurant members; key: orders:write)',
        description:
          'Requires an Idempotency-Key header: the same key (same caller, same body) returns the same order without placing another, even when sent concurrently; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED. Keys are kept 24 hours.',
        requestHeaders: ZIdempotencyHeaders,
        errorResponses: {
          400: 'Invalid input, or no Idempotency-Key (IDEMPOTENCY_KEY_REQUIRED)',
          403: 'A key without orders:write',
          404: 'No such restaurant, supplier or address',
          409: 'Not an active customer (CUSTOMER_NOT_ACTIVE) or the cut-off has passed (CUTOFF_PASSED)',
          422: 'Empty cart, below minimum, inactive product, no price, no delivery on that date, or a reused key',
        },
      },
    })
    .input(ZOrderPlaceInput)
    .output(ZOrderPlaceOutput)
    .mutation(orderPlaceHandler),

  listForRestaurant: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/orders',
        tags: ['orders'],
        summary: "The restaurant's orders, newest first (key: orders:read)",
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:read', 404: 'No such restaurant' },
      },
    })
    .input(ZOrderListForRestaurantInput)
    .output(ZOrderListForRestaurantOutput)
    .query(orderListForRestaurantHandler),

  inbox: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}/orders',
        tags: ['orders'],
        summary:
          "The supplier's order desk: orders by requested delivery date, then number (key: orders:read)",
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:read', 404: 'No such supplier' },
      },
    })
    .input(ZOrderInboxInput)
    .output(ZOrderInboxOutput)
    .query(orderInboxHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/orders/{orderId}',
        tags: ['orders'],
        summary: 'One order with its lines and history (either side; key: orders:read)',
        errorResponses: { 403: 'A key without orders:read', 404: 'No such order that you can see' },
      },
    })
    .input(ZOrderGetInput)
    .output(ZOrderGetOutput)
    .query(orderGetHandler),

  confirm: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/orders/{orderId}/confirm',
        tags: ['orders'],
        summary:
          'Supplier: confirm a submitted order as ordered (→ confirmed) or propose line changes (→ changes_proposed)',
        errorResponses: { ...CHANGE_ERRORS, 422: 'A substitute that is inactive or has no price' },
      },
    })
    .input(ZOrderConfirmInput)
    .output(ZOrderConfirmOutput)
    .mutation(orderConfirmHandler),

  respondToChanges: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/orders/{orderId}/changes',
        tags: ['orders'],
        summary:
          "Restaurant: accept or reject each of the supplier's proposed changes (→ confirmed, or cancelled when nothing remains)",
        errorResponses: CHANGE_ERRORS,
      },
    })
    .input(ZOrderRespondToChangesInput)
    .output(ZOrderRespondToChangesOutput)
    .mutation(orderRespondToChangesHandler),

  receive: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/orders/{orderId}/receive',
        tags: ['orders'],
        summary: 'Restaurant: the delivery arrived, with any discrepancies per line (confirmed → delivered)',
        errorResponses: CHANGE_ERRORS,
      },
    })
    .input(ZOrderReceiveInput)
    .output(ZOrderReceiveOutput)
    .mutation(orderReceiveHandler),

  markInvoiced: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/orders/{orderId}/invoiced',
        tags: ['orders'],
        summary: 'Supplier: the delivered order was invoiced (delivered → invoiced)',
        errorResponses: CHANGE_ERRORS,
      },
    })
    .input(ZOrderMarkInvoicedInput)
    .output(ZOrderMarkInvoicedOutput)
    .mutation(orderMarkInvoicedHandler),

  close: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/orders/{orderId}/close',
        tags: ['orders'],
        summary: 'Either side: an invoiced order is done (invoiced → closed)',
        errorResponses: CHANGE_ERRORS,
      },
    })
    .input(ZOrderCloseInput)
    .output(ZOrderCloseOutput)
    .mutation(orderCloseHandler),

  cancel: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/orders/{orderId}/cancel',
        tags: ['orders'],
        summary:
          'Cancel with a reason: the restaurant until the cut-off (CUTOFF_PASSED after), the supplier until delivery',
        errorResponses: {
          ...CHANGE_ERRORS,
          409: 'Already delivered or final (INVALID_STATE_TRANSITION), past the cut-off (CUTOFF_PASSED), or a stale version',
        },
      },
    })
    .input(ZOrderCancelInput)
    .output(ZOrderCancelOutput)
    .mutation(orderCancelHandler),
});
