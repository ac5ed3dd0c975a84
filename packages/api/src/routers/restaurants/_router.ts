import { authedProcedure, roleProcedure, router } from '../../trpc.ts';
import { addressesRouter } from './addresses/_router.ts';
import { restaurantsCreateHandler } from './create.handler.ts';
import { ZRestaurantsCreateInput, ZRestaurantsCreateOutput } from './create.schema.ts';
import { restaurantsGetHandler } from './get.handler.ts';
import { ZRestaurantsGetInput, ZRestaurantsGetOutput } from './get.schema.ts';
import { restaurantsListHandler } from './list.handler.ts';
import { ZRestaurantsListInput, ZRestaurantsListOutput } from './list.schema.ts';
import { restaurantsUpdateHandler } from './update.handler.ts';
import { ZRestaurantsUpdateInput, ZRestaurantsUpdateOutput } from './update.schema.ts';

export const restaurantsRouter = router({
  create: roleProcedure('restaurant', 'admin')
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants',
        tags: ['restaurants'],
        summary: 'Create a restaurant; the caller becomes its owner',
        errorResponses: {
          400: 'Invalid input (organisation number, postal code, times …)',
          403: 'Only restaurant users and admins',
        },
      },
    })
    .input(ZRestaurantsCreateInput)
    .output(ZRestaurantsCreateOutput)
    .mutation(restaurantsCreateHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants',
        tags: ['restaurants'],
        summary: 'The restaurants the caller belongs to (admins: all), by name',
        description:
          'An API key lists its own restaurant when it holds organization:read (403 otherwise). Filter by name with `q`.',
      },
    })
    .input(ZRestaurantsListInput)
    .output(ZRestaurantsListOutput)
    .query(restaurantsListHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}',
        tags: ['restaurants'],
        summary: 'A restaurant: profile, contact, delivery preferences and addresses',
        description:
          'For its members, admins and its API keys with organization:read; also for members of a supplier the ' +
          'restaurant is a customer of (or has asked to become one), and their API keys with customers:read.',
        errorResponses: {
          403: 'An API key without the permission',
          404: 'No such restaurant that you can see',
        },
      },
    })
    .input(ZRestaurantsGetInput)
    .output(ZRestaurantsGetOutput)
    .query(restaurantsGetHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/restaurants/{restaurantId}',
        tags: ['restaurants'],
        summary: 'Change a restaurant’s profile, contact or delivery preferences',
        description: 'Owners, admins, or the restaurant’s API key with organization:write.',
        errorResponses: {
          400: 'Invalid input',
          403: 'Staff, or an API key without the permission',
          404: 'No such restaurant that you can see',
        },
      },
    })
    .input(ZRestaurantsUpdateInput)
    .output(ZRestaurantsUpdateOutput)
    .mutation(restaurantsUpdateHandler),

  addresses: addressesRouter,
});
