import { authedProcedure, router } from '../../trpc.ts';
import { menuItemCreateHandler } from './create.handler.ts';
import { ZMenuItemCreateInput, ZMenuItemCreateOutput } from './create.schema.ts';
import { menuItemDeleteHandler } from './delete.handler.ts';
import { ZMenuItemDeleteInput, ZMenuItemDeleteOutput } from './delete.schema.ts';
import { menuDemandHandler } from './demand.handler.ts';
import { ZMenuDemandInput, ZMenuDemandOutput } from './demand.schema.ts';
import { menuItemGetHandler } from './get.handler.ts';
import { ZMenuItemGetInput, ZMenuItemGetOutput } from './get.schema.ts';
import { menuItemListHandler } from './list.handler.ts';
import { ZMenuItemListInput, ZMenuItemListOutput } from './list.schema.ts';
import { menuItemUpdateHandler } from './update.handler.ts';
import { ZMenuItemUpdateInput, ZMenuItemUpdateOutput } from './update.schema.ts';

/**
 * A restaurant's dishes, their recipes and costs, and the ingredient demand of planned portions. Object
 * checks are in MenuService: the restaurant's members (any role), admins, and its API keys with
 * orders:read (reads, demand) or orders:write (changes); anyone else gets 404.
 */
const itemsRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/menu-items',
        tags: ['menus'],
        summary: "The restaurant's dishes by name, each costed at today's prices (key: orders:read)",
        errorResponses: { 400: 'Invalid input', 403: 'A key without orders:read', 404: 'No such restaurant' },
      },
    })
    .input(ZMenuItemListInput)
    .output(ZMenuItemListOutput)
    .query(menuItemListHandler),

  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants/{restaurantId}/menu-items',
        tags: ['menus'],
        summary:
          "Add a dish with its recipe: products of the restaurant's active suppliers per portion (key: orders:write)",
        errorResponses: {
          400: "Invalid input, or a product not from one of the restaurant's active suppliers",
          403: 'A key without orders:write',
          404: 'No such restaurant',
        },
      },
    })
    .input(ZMenuItemCreateInput)
    .output(ZMenuItemCreateOutput)
    .mutation(menuItemCreateHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/menu-items/{menuItemId}',
        tags: ['menus'],
        summary:
          'One dish with its recipe, the cost per portion at resolved prices and the margin against its menu price (key: orders:read)',
        errorResponses: { 403: 'A key without orders:read', 404: 'No such menu item that you can see' },
      },
    })
    .input(ZMenuItemGetInput)
    .output(ZMenuItemGetOutput)
    .query(menuItemGetHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/menu-items/{menuItemId}',
        tags: ['menus'],
        summary: 'Change a dish; ingredients, when given, replace the recipe as a whole (key: orders:write)',
        errorResponses: {
          400: "Invalid input, or a product not from one of the restaurant's active suppliers",
          403: 'A key without orders:write',
          404: 'No such menu item that you can see',
        },
      },
    })
    .input(ZMenuItemUpdateInput)
    .output(ZMenuItemUpdateOutput)
    .mutation(menuItemUpdateHandler),

  delete: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/menu-items/{menuItemId}',
        tags: ['menus'],
        summary: 'Remove a dish and its recipe (key: orders:write)',
        errorResponses: { 403: 'A key without orders:write', 404: 'No such menu item that you can see' },
      },
    })
    .input(ZMenuItemDeleteInput)
    .output(ZMenuItemDeleteOutput)
    .mutation(menuItemDeleteHandler),
});

export const menusRouter = router({
  items: itemsRouter,

  demand: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants/{restaurantId}/menu-demand',
        tags: ['menus'],
        summary:
          'Ingredient demand of planned portions: per product the total quantity in its unit and the estimated cost at today’s prices (key: orders:read)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without orders:read',
          404: 'No such restaurant, or a menu item that is not the restaurant’s',
        },
      },
    })
    .input(ZMenuDemandInput)
    .output(ZMenuDemandOutput)
    .mutation(menuDemandHandler),
});
