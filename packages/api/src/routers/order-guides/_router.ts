import { authedProcedure, router } from '../../trpc.ts';
import { orderGuideAddToCartsHandler } from './add-to-carts.handler.ts';
import { ZOrderGuideAddToCartsInput, ZOrderGuideAddToCartsOutput } from './add-to-carts.schema.ts';
import { orderGuideCreateHandler } from './create.handler.ts';
import { ZOrderGuideCreateInput, ZOrderGuideCreateOutput } from './create.schema.ts';
import { orderGuideDeleteHandler } from './delete.handler.ts';
import { ZOrderGuideDeleteInput, ZOrderGuideDeleteOutput } from './delete.schema.ts';
import { orderGuideGetHandler } from './get.handler.ts';
import { ZOrderGuideGetInput, ZOrderGuideGetOutput } from './get.schema.ts';
import { orderGuideListHandler } from './list.handler.ts';
import { ZOrderGuideListInput, ZOrderGuideListOutput } from './list.schema.ts';
import { orderGuideRemoveItemHandler } from './remove-item.handler.ts';
import { ZOrderGuideRemoveItemInput, ZOrderGuideRemoveItemOutput } from './remove-item.schema.ts';
import { orderGuideSetItemHandler } from './set-item.handler.ts';
import { ZOrderGuideSetItemInput, ZOrderGuideSetItemOutput } from './set-item.schema.ts';
import { orderGuideSuggestionsHandler } from './suggestions.handler.ts';
import { ZOrderGuideSuggestionsInput, ZOrderGuideSuggestionsOutput } from './suggestions.schema.ts';
import { orderGuideUpdateHandler } from './update.handler.ts';
import { ZOrderGuideUpdateInput, ZOrderGuideUpdateOutput } from './update.schema.ts';

const NOT_FOUND = 'No such order guide that you can see';

/**
 * Order guides: a restaurant's favourites across suppliers. Object checks are in OrderGuideService: the
 * restaurant's members (any role), admins, and its API keys with orders:read (reads) or orders:write
 * (changes); anyone else gets 404.
 */
export const orderGuidesRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/order-guides',
        tags: ['order-guides'],
        summary: "The restaurant's order guides by name (key: orders:read)",
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:read', 404: 'No such restaurant' },
      },
    })
    .input(ZOrderGuideListInput)
    .output(ZOrderGuideListOutput)
    .query(orderGuideListHandler),

  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants/{restaurantId}/order-guides',
        tags: ['order-guides'],
        summary: 'Start an order guide (key: orders:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without orders:write',
          404: 'No such restaurant',
        },
      },
    })
    .input(ZOrderGuideCreateInput)
    .output(ZOrderGuideCreateOutput)
    .mutation(orderGuideCreateHandler),

  suggestions: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/order-guides/suggestions',
        tags: ['order-guides'],
        summary:
          'Products the restaurant ordered in the last 90 days (not cancelled, still sold), ranked by how often and how recently, with the median quantity and last order date (key: orders:read)',
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:read', 404: 'No such restaurant' },
      },
    })
    .input(ZOrderGuideSuggestionsInput)
    .output(ZOrderGuideSuggestionsOutput)
    .query(orderGuideSuggestionsHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/order-guides/{guideId}',
        tags: ['order-guides'],
        summary:
          'One order guide: its items with the product, the price the restaurant pays now and whether it can be bought (key: orders:read)',
        errorResponses: { 403: 'A key without orders:read', 404: NOT_FOUND },
      },
    })
    .input(ZOrderGuideGetInput)
    .output(ZOrderGuideGetOutput)
    .query(orderGuideGetHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/order-guides/{guideId}',
        tags: ['order-guides'],
        summary: 'Rename an order guide (key: orders:write)',
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:write', 404: NOT_FOUND },
      },
    })
    .input(ZOrderGuideUpdateInput)
    .output(ZOrderGuideUpdateOutput)
    .mutation(orderGuideUpdateHandler),

  delete: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/order-guides/{guideId}',
        tags: ['order-guides'],
        summary: 'Delete an order guide (key: orders:write)',
        errorResponses: { 403: 'A key without orders:write', 404: NOT_FOUND },
      },
    })
    .input(ZOrderGuideDeleteInput)
    .output(ZOrderGuideDeleteOutput)
    .mutation(orderGuideDeleteHandler),

  setItem: authedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/order-guides/{guideId}/items/{productId}',
        tags: ['order-guides'],
        summary:
          'Put a product on the guide or change its item: the fields given are set, null clears (key: orders:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without orders:write',
          404: `${NOT_FOUND}, or no such product (PRODUCT_NOT_FOUND)`,
          409: 'The restaurant is not an active customer of the product’s supplier (CUSTOMER_NOT_ACTIVE)',
        },
      },
    })
    .input(ZOrderGuideSetItemInput)
    .output(ZOrderGuideSetItemOutput)
    .mutation(orderGuideSetItemHandler),

  removeItem: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/order-guides/{guideId}/items/{productId}',
        tags: ['order-guides'],
        summary: 'Take a product off the guide (key: orders:write)',
        errorResponses: {
          403: 'A key without orders:write',
          404: `${NOT_FOUND}, or the product is not on it (PRODUCT_NOT_FOUND)`,
        },
      },
    })
    .input(ZOrderGuideRemoveItemInput)
    .output(ZOrderGuideRemoveItemOutput)
    .mutation(orderGuideRemoveItemHandler),

  addToCarts: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/order-guides/{guideId}/add-to-carts',
        tags: ['order-guides'],
        summary:
          'Put the guide into the open carts, one per supplier, adding to what is there: the items given, or every item at its par quantity; products that cannot be bought now are skipped and listed (key: orders:write)',
        errorResponses: {
          400: 'Invalid input, or an item that is not on the guide',
          403: 'A key without orders:write',
          404: NOT_FOUND,
        },
      },
    })
    .input(ZOrderGuideAddToCartsInput)
    .output(ZOrderGuideAddToCartsOutput)
    .mutation(orderGuideAddToCartsHandler),
});
