import { authedProcedure, router } from '../../trpc.ts';
import { reorderFromOrderHandler } from './from-order.handler.ts';
import { ZReorderFromOrderInput, ZReorderFromOrderOutput } from './from-order.schema.ts';

/** "Order this again". Object checks are in ReorderService. */
export const reorderRouter = router({
  fromOrder: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/orders/{orderId}/reorder',
        tags: ['orders'],
        summary:
          "Put an order's lines into the open cart with its supplier, added to what is there, at today's prices; products no longer sold are skipped and listed (the order's restaurant; key: orders:write)",
        errorResponses: {
          403: 'The supplier of the order, or a key without orders:write',
          404: 'No such order that you can see',
          409: 'The restaurant is no longer an active customer of the supplier (CUSTOMER_NOT_ACTIVE)',
        },
      },
    })
    .input(ZReorderFromOrderInput)
    .output(ZReorderFromOrderOutput)
    .mutation(reorderFromOrderHandler),
});
