import { z } from 'zod';
import { ZMyMembership } from './get.schema.ts';

export const ZMeAcceptInvitationInput = z.object({ invitationId: z.uuid() });
export type TMeAcceptInvitationInput = z.infer<typeof ZMeAcceptInvitationInput>;

export const ZMeAcceptInvitationOutput = ZMyMembership;
export type TMeAcceptInvitationOutput = z.infer<typeof ZMeAcceptInvitationOutput>;
