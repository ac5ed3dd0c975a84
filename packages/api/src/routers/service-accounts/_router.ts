import { authedProcedure, router } from '../../trpc.ts';
import { serviceAccountCreateHandler } from './create.handler.ts';
import { ZServiceAccountCreateInput, ZServiceAccountCreateOutput } from './create.schema.ts';
import { serviceAccountListHandler } from './list.handler.ts';
import { ZServiceAccountListInput, ZServiceAccountListOutput } from './list.schema.ts';
import { serviceAccountRevokeHandler } from './revoke.handler.ts';
import { ZServiceAccountRevokeInput, ZServiceAccountRevokeOutput } from './revoke.schema.ts';

/**
 * API keys of an organization. Owners and admins only, signed in: an API key never manages keys
 * (checked in ServiceAccountService through AccessControl).
 */
export const serviceAccountsRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/organizations/{organizationId}/service-accounts',
        tags: ['service-accounts'],
        summary: 'Owners: create an API key with chosen permissions; the key is in the response, once',
        errorResponses: {
          400: 'Invalid input (unknown permission, expiry in the past)',
          403: 'Not an owner, or called with an API key',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZServiceAccountCreateInput)
    .output(ZServiceAccountCreateOutput)
    .mutation(serviceAccountCreateHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/service-accounts',
        tags: ['service-accounts'],
        summary: "Owners: the organization's API keys (prefix, permissions, last use; never the key)",
        errorResponses: {
          400: 'Invalid input',
          403: 'Not an owner, or called with an API key',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZServiceAccountListInput)
    .output(ZServiceAccountListOutput)
    .query(serviceAccountListHandler),

  revoke: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/organizations/{organizationId}/service-accounts/{serviceAccountId}',
        tags: ['service-accounts'],
        summary: 'Owners: revoke an API key at once (idempotent)',
        errorResponses: {
          403: 'Not an owner, or called with an API key',
          404: 'No such organization, or no such key in it',
        },
      },
    })
    .input(ZServiceAccountRevokeInput)
    .output(ZServiceAccountRevokeOutput)
    .mutation(serviceAccountRevokeHandler),
});
