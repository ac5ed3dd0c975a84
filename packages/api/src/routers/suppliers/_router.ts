import { authedProcedure, roleProcedure, router } from '../../trpc.ts';
import { suppliersCreateHandler } from './create.handler.ts';
import { ZSuppliersCreateInput, ZSuppliersCreateOutput } from './create.schema.ts';
import { suppliersGetHandler } from './get.handler.ts';
import { ZSuppliersGetInput, ZSuppliersGetOutput } from './get.schema.ts';
import { suppliersListHandler } from './list.handler.ts';
import { ZSuppliersListInput, ZSuppliersListOutput } from './list.schema.ts';
import { suppliersUpdateHandler } from './update.handler.ts';
import { ZSuppliersUpdateInput, ZSuppliersUpdateOutput } from './update.schema.ts';

export const suppliersRouter = router({
  create: roleProcedure('supplier', 'admin')
    .meta({
      openapi: {
        method: 'POST',
        path: '/suppliers',
        tags: ['suppliers'],
        summary: 'Create a supplier; the caller becomes its owner',
        errorResponses: {
          400: 'Invalid input (organisation number, regions, cut-off …)',
          403: 'Only supplier users and admins',
        },
      },
    })
    .input(ZSuppliersCreateInput)
    .output(ZSuppliersCreateOutput)
    .mutation(suppliersCreateHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers',
        tags: ['suppliers'],
        summary: 'The supplier directory: public profiles, by name',
        description:
          'Every signed-in caller may list suppliers (restaurants need them to ask to become customers). ' +
          '`q` filters by name, `mine=true` narrows to the caller’s own suppliers.',
      },
    })
    .input(ZSuppliersListInput)
    .output(ZSuppliersListOutput)
    .query(suppliersListHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}',
        tags: ['suppliers'],
        summary: 'A supplier’s profile (plus organisation number and member count for its own people)',
        description:
          'Every signed-in caller gets the public profile; members, admins and the supplier’s API keys with ' +
          'organization:read also get organisationNumber and membersCount (null for everyone else).',
        errorResponses: { 404: 'No such supplier' },
      },
    })
    .input(ZSuppliersGetInput)
    .output(ZSuppliersGetOutput)
    .query(suppliersGetHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/suppliers/{supplierId}',
        tags: ['suppliers'],
        summary: 'Change a supplier’s profile, delivery regions or order cut-off',
        description: 'Owners, admins, or the supplier’s API key with organization:write.',
        errorResponses: {
          400: 'Invalid input',
          403: 'Staff, or an API key without the permission',
          404: 'No such supplier that you can see',
        },
      },
    })
    .input(ZSuppliersUpdateInput)
    .output(ZSuppliersUpdateOutput)
    .mutation(suppliersUpdateHandler),
});
