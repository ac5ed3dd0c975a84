import { authedProcedure, router } from '../../../trpc.ts';
import { membersListHandler } from './list.handler.ts';
import { ZMembersListInput, ZMembersListOutput } from './list.schema.ts';
import { membersRemoveHandler } from './remove.handler.ts';
import { ZMembersRemoveInput, ZMembersRemoveOutput } from './remove.schema.ts';
import { membersUpdateHandler } from './update.handler.ts';
import { ZMembersUpdateInput, ZMembersUpdateOutput } from './update.schema.ts';

export const membersRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/members',
        tags: ['organizations'],
        summary: 'Members of a restaurant or supplier, oldest first',
        description: 'Any member, admins, or the organization’s API key with members:read.',
        errorResponses: {
          403: 'An API key without the permission',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZMembersListInput)
    .output(ZMembersListOutput)
    .query(membersListHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/organizations/{organizationId}/members/{userId}',
        tags: ['organizations'],
        summary: 'Change a member’s role (owner or staff)',
        description: 'Owners and admins. The last owner cannot be demoted (409 LAST_OWNER). API keys cannot.',
        errorResponses: {
          400: 'Invalid input',
          403: 'Staff, or an API key',
          404: 'No such organization or member',
          409: 'LAST_OWNER',
        },
      },
    })
    .input(ZMembersUpdateInput)
    .output(ZMembersUpdateOutput)
    .mutation(membersUpdateHandler),

  remove: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/organizations/{organizationId}/members/{userId}',
        tags: ['organizations'],
        summary: 'Remove a member, or leave the organization (your own user id)',
        description:
          'Owners and admins remove anyone; every member may remove themselves. The last owner cannot go ' +
          '(409 LAST_OWNER). API keys cannot.',
        errorResponses: {
          403: 'Staff removing someone else, or an API key',
          404: 'No such organization or member',
          409: 'LAST_OWNER',
        },
      },
    })
    .input(ZMembersRemoveInput)
    .output(ZMembersRemoveOutput)
    .mutation(membersRemoveHandler),
});
