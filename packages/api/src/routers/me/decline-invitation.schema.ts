import { z } from 'zod';
import { ZMyInvitation } from '../organizations/invitations/_schemas.ts';

export const ZMeDeclineInvitationInput = z.object({ invitationId: z.uuid() });
export type TMeDeclineInvitationInput = z.infer<typeof ZMeDeclineInvitationInput>;

export const ZMeDeclineInvitationOutput = ZMyInvitation;
export type TMeDeclineInvitationOutput = z.infer<typeof ZMeDeclineInvitationOutput>;
