import { authedProcedure, router } from '../../trpc.ts';
import { standingOrderCreateHandler } from './create.handler.ts';
import { ZStandingOrderCreateInput, ZStandingOrderCreateOutput } from './create.schema.ts';
import { standingOrderDeleteHandler } from './delete.handler.ts';
import { ZStandingOrderDeleteInput, ZStandingOrderDeleteOutput } from './delete.schema.ts';
import { standingOrderGetHandler } from './get.handler.ts';
import { ZStandingOrderGetInput, ZStandingOrderGetOutput } from './get.schema.ts';
import { standingOrderListHandler } from './list.handler.ts';
import { ZStandingOrderListInput, ZStandingOrderListOutput } from './list.schema.ts';
import { standingOrderRunsHandler } from './runs.handler.ts';
import { ZStandingOrderRunsInput, ZStandingOrderRunsOutput } from './runs.schema.ts';
import { standingOrderUpdateHandler } from './update.handler.ts';
import { ZStandingOrderUpdateInput, ZStandingOrderUpdateOutput } from './update.schema.ts';

const NOT_FOUND = 'No such standing order that you can see';

/**
 * Standing orders: the same order with one supplier, placed automatically before each delivery's cut-off
 * (the worker's standing_order__schedule_due / standing_order__place). Object checks are in
 * StandingOrderService: the restaurant's members (any role), admins, and its API keys with orders:read
 * (reads) or orders:write (changes); anyone else gets 404.
 */
export const standingOrdersRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/standing-orders',
        tags: ['standing-orders'],
        summary: "The restaurant's standing orders by name, with their next run (key: orders:read)",
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:read', 404: 'No such restaurant' },
      },
    })
    .input(ZStandingOrderListInput)
    .output(ZStandingOrderListOutput)
    .query(standingOrderListHandler),

  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants/{restaurantId}/standing-orders',
        tags: ['standing-orders'],
        summary:
          "Set up a standing order with a supplier: placed placeMinutesBeforeCutoff before each delivery weekday's cut-off (Europe/Stockholm); deliveries on holidays are skipped and reported, never moved (key: orders:write)",
        errorResponses: {
          400: 'Invalid input: a weekday the supplier does not deliver on, a product not of this supplier …',
          403: 'A key without orders:write',
          404: 'No such restaurant, supplier or delivery address',
          409: 'The restaurant is not an active customer of the supplier (CUSTOMER_NOT_ACTIVE)',
        },
      },
    })
    .input(ZStandingOrderCreateInput)
    .output(ZStandingOrderCreateOutput)
    .mutation(standingOrderCreateHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/standing-orders/{standingOrderId}',
        tags: ['standing-orders'],
        summary: 'One standing order with its next run and its last runs (key: orders:read)',
        errorResponses: { 403: 'A key without orders:read', 404: NOT_FOUND },
      },
    })
    .input(ZStandingOrderGetInput)
    .output(ZStandingOrderGetOutput)
    .query(standingOrderGetHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/standing-orders/{standingOrderId}',
        tags: ['standing-orders'],
        summary:
          'Change a standing order; lines, when given, replace the lines as a whole; the next run is recomputed (key: orders:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without orders:write',
          404: `${NOT_FOUND}, or no such delivery address`,
        },
      },
    })
    .input(ZStandingOrderUpdateInput)
    .output(ZStandingOrderUpdateOutput)
    .mutation(standingOrderUpdateHandler),

  delete: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/standing-orders/{standingOrderId}',
        tags: ['standing-orders'],
        summary: 'Stop and delete a standing order (orders it placed stay) (key: orders:write)',
        errorResponses: { 403: 'A key without orders:write', 404: NOT_FOUND },
      },
    })
    .input(ZStandingOrderDeleteInput)
    .output(ZStandingOrderDeleteOutput)
    .mutation(standingOrderDeleteHandler),

  runs: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/standing-orders/{standingOrderId}/runs',
        tags: ['standing-orders'],
        summary:
          'What the standing order did per delivery date (created, skipped_holiday, skipped_no_lines, failed), newest first (key: orders:read)',
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:read', 404: NOT_FOUND },
      },
    })
    .input(ZStandingOrderRunsInput)
    .output(ZStandingOrderRunsOutput)
    .query(standingOrderRunsHandler),
});
