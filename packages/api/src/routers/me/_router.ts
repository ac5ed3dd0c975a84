import { authedProcedure, router } from '../../trpc.ts';
import { meAcceptInvitationHandler } from './accept-invitation.handler.ts';
import { ZMeAcceptInvitationInput, ZMeAcceptInvitationOutput } from './accept-invitation.schema.ts';
import { meDeclineInvitationHandler } from './decline-invitation.handler.ts';
import { ZMeDeclineInvitationInput, ZMeDeclineInvitationOutput } from './decline-invitation.schema.ts';
import { meGetHandler } from './get.handler.ts';
import { ZMeGetInput, ZMeGetOutput } from './get.schema.ts';
import { meInvitationsHandler } from './invitations.handler.ts';
import { ZMeInvitationsInput, ZMeInvitationsOutput } from './invitations.schema.ts';

/** The signed-in user's own things. API keys are refused (403): they are no person. */
export const meRouter = router({
  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/me',
        tags: ['me'],
        summary: 'The signed-in user (id, email, role) and their organizations',
        errorResponses: { 403: 'API keys have no “me”' },
      },
    })
    .input(ZMeGetInput)
    .output(ZMeGetOutput)
    .query(meGetHandler),

  invitations: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/me/invitations',
        tags: ['me'],
        summary: 'Pending invitations addressed to the caller’s email, newest first',
        description: 'Answering one needs its token, which the inviter sent to the address.',
        errorResponses: { 403: 'API keys have no invitations' },
      },
    })
    .input(ZMeInvitationsInput)
    .output(ZMeInvitationsOutput)
    .query(meInvitationsHandler),

  acceptInvitation: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/me/invitations/{invitationId}/accept',
        tags: ['me'],
        summary: 'Accept an invitation: join the organization with the invited role',
        description:
          'Only the addressee (signed in with the invited email) with the invitation’s token in the body: `{ "token": "iris_inv_…" }`. A missing or wrong token is the same 404 as an invitation addressed to someone else. Restaurant users join restaurants, supplier users join suppliers (403 otherwise).',
        errorResponses: {
          403: 'Your role cannot join this kind of organization, or an API key',
          404: 'No such invitation addressed to you, or a missing or wrong token',
          409: 'The invitation is not pending (accepted, revoked or expired), or you are already a member',
        },
      },
    })
    .input(ZMeAcceptInvitationInput)
    .output(ZMeAcceptInvitationOutput)
    .mutation(meAcceptInvitationHandler),

  declineInvitation: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/me/invitations/{invitationId}/decline',
        tags: ['me'],
        summary: 'Decline an invitation (owners then see it as revoked)',
        description: 'Like accepting: the addressee, with the invitation’s token in the body.',
        errorResponses: {
          403: 'An API key',
          404: 'No such invitation addressed to you, or a missing or wrong token',
          409: 'The invitation is not pending',
        },
      },
    })
    .input(ZMeDeclineInvitationInput)
    .output(ZMeDeclineInvitationOutput)
    .mutation(meDeclineInvitationHandler),
});
