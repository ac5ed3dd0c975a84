import { z } from 'zod';
import { ZInvitationToken } from '../organizations/invitations/_schemas.ts';
import { ZMyMembership } from './get.schema.ts';

export const ZMeAcceptInvitationInput = z.object({ invitationId: z.uuid(), token: ZInvitationToken });
export type TMeAcceptInvitationInput = z.infer<typeof ZMeAcceptInvitationInput>;

export const ZMeAcceptInvitationOutput = ZMyMembership;
export type TMeAcceptInvitationOutput = z.infer<typeof ZMeAcceptInvitationOutput>;
