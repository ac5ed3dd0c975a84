import { authedProcedure, router } from '../../../trpc.ts';
import { invitationsCreateHandler } from './create.handler.ts';
import { ZInvitationsCreateInput, ZInvitationsCreateOutput } from './create.schema.ts';
import { invitationsListHandler } from './list.handler.ts';
import { ZInvitationsListInput, ZInvitationsListOutput } from './list.schema.ts';
import { invitationsRevokeHandler } from './revoke.handler.ts';
import { ZInvitationsRevokeInput, ZInvitationsRevokeOutput } from './revoke.schema.ts';

const OWNERS = 'Owners and admins; API keys cannot.';

export const invitationsRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/organizations/{organizationId}/invitations',
        tags: ['organizations'],
        summary: 'Invite an email address to join as owner or staff (valid 14 days)',
        description: `${OWNERS} 409 when the address has a pending invitation or is already a member. The response carries the invitation's token, once: send it (or a link with it) to the invited address — accepting needs it, since signing up does not prove an email address.`,
        errorResponses: {
          400: 'Invalid input',
          403: 'Staff, or an API key',
          404: 'No such organization that you can see',
          409: 'A pending invitation exists, or the person is already a member',
        },
      },
    })
    .input(ZInvitationsCreateInput)
    .output(ZInvitationsCreateOutput)
    .mutation(invitationsCreateHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/invitations',
        tags: ['organizations'],
        summary: 'The organization’s invitations, newest first, with their status',
        description: OWNERS,
        errorResponses: { 403: 'Staff, or an API key', 404: 'No such organization that you can see' },
      },
    })
    .input(ZInvitationsListInput)
    .output(ZInvitationsListOutput)
    .query(invitationsListHandler),

  revoke: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/organizations/{organizationId}/invitations/{invitationId}',
        tags: ['organizations'],
        summary: 'Revoke a pending invitation',
        description: OWNERS,
        errorResponses: {
          403: 'Staff, or an API key',
          404: 'No such organization or invitation',
          409: 'The invitation is no longer pending',
        },
      },
    })
    .input(ZInvitationsRevokeInput)
    .output(ZInvitationsRevokeOutput)
    .mutation(invitationsRevokeHandler),
});
