import { z } from 'zod';
import { MEMBER_ROLES } from '@iris/identity';
import { ZOrganizationIdParam } from '../members/_schemas.ts';
import { ZInvitation } from './_schemas.ts';

export const ZInvitationsCreateInput = z.object({
  organizationId: ZOrganizationIdParam,
  email: z.email().max(320).meta({
    description: 'The address invited: the person signed in with it accepts, with the token sent to it',
    example: 'kock@bistro-nord.example',
  }),
  role: z.enum(MEMBER_ROLES).meta({ description: 'The role the person gets on accepting' }),
});
export type TInvitationsCreateInput = z.infer<typeof ZInvitationsCreateInput>;

export const ZInvitationsCreateOutput = ZInvitation.extend({
  token: z.string().meta({
    description:
      'Shown once, here only (Iris keeps its hash): send it to the invited address. Accepting or declining needs it.',
    example: 'iris_inv_Qk3v…',
  }),
  acceptPath: z.string().meta({
    description: 'Where the invitee accepts (POST, relative to /api/v1, body { token })',
    example: '/me/invitations/8c6f…/accept',
  }),
}).meta({ id: 'CreatedInvitation' });
export type TInvitationsCreateOutput = z.infer<typeof ZInvitationsCreateOutput>;
