import { authedProcedure, router } from '../../../trpc.ts';
import { addressesCreateHandler } from './create.handler.ts';
import { ZAddressesCreateInput, ZAddressesCreateOutput } from './create.schema.ts';
import { addressesRemoveHandler } from './remove.handler.ts';
import { ZAddressesRemoveInput, ZAddressesRemoveOutput } from './remove.schema.ts';
import { addressesUpdateHandler } from './update.handler.ts';
import { ZAddressesUpdateInput, ZAddressesUpdateOutput } from './update.schema.ts';

const WHO = 'Members (owners and staff), admins, or the restaurant’s API key with organization:write.';

export const addressesRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/restaurants/{restaurantId}/addresses',
        tags: ['restaurants'],
        summary: 'Add a delivery address (the first one becomes the default)',
        description: WHO,
        errorResponses: {
          400: 'Invalid input (e.g. not a Swedish postal code)',
          403: 'Not allowed',
          404: 'No such restaurant that you can see',
        },
      },
    })
    .input(ZAddressesCreateInput)
    .output(ZAddressesCreateOutput)
    .mutation(addressesCreateHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/restaurants/{restaurantId}/addresses/{addressId}',
        tags: ['restaurants'],
        summary: 'Change a delivery address, or make it the default',
        description: `${WHO} The default moves by making another address the default (409 otherwise).`,
        errorResponses: {
          400: 'Invalid input',
          403: 'Not allowed',
          404: 'No such restaurant or address',
          409: 'The default address cannot stop being the default by itself',
        },
      },
    })
    .input(ZAddressesUpdateInput)
    .output(ZAddressesUpdateOutput)
    .mutation(addressesUpdateHandler),

  remove: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/restaurants/{restaurantId}/addresses/{addressId}',
        tags: ['restaurants'],
        summary: 'Remove a delivery address (the oldest remaining becomes default if it was)',
        description: WHO,
        errorResponses: { 403: 'Not allowed', 404: 'No such restaurant or address' },
      },
    })
    .input(ZAddressesRemoveInput)
    .output(ZAddressesRemoveOutput)
    .mutation(addressesRemoveHandler),
});
