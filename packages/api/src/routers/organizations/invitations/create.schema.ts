import { z } from 'zod';
import { MEMBER_ROLES } from '@iris/identity';
import { ZOrganizationIdParam } from '../members/_schemas.ts';
import { ZInvitation } from './_schemas.ts';

export const ZInvitationsCreateInput = z.object({
  organizationId: ZOrganizationIdParam,
  email: z.email().max(320).meta({
    description: 'Whoever signs in with this address can accept',
    example: 'kock@bistro-nord.example',
  }),
  role: z.enum(MEMBER_ROLES).meta({ description: 'The role the person gets on accepting' }),
});
export type TInvitationsCreateInput = z.infer<typeof ZInvitationsCreateInput>;

export const ZInvitationsCreateOutput = ZInvitation;
export type TInvitationsCreateOutput = z.infer<typeof ZInvitationsCreateOutput>;
