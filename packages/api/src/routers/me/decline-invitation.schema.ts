import { z } from 'zod';
import { ZInvitationToken, ZMyInvitation } from '../organizations/invitations/_schemas.ts';

export const ZMeDeclineInvitationInput = z.object({ invitationId: z.uuid(), token: ZInvitationToken });
export type TMeDeclineInvitationInput = z.infer<typeof ZMeDeclineInvitationInput>;

export const ZMeDeclineInvitationOutput = ZMyInvitation;
export type TMeDeclineInvitationOutput = z.infer<typeof ZMeDeclineInvitationOutput>;
