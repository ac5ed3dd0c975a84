import { z } from 'zod';
import { ZOrganizationIdParam } from '../members/_schemas.ts';
import { ZInvitation } from './_schemas.ts';

export const ZInvitationsRevokeInput = z.object({
  organizationId: ZOrganizationIdParam,
  invitationId: z.uuid(),
});
export type TInvitationsRevokeInput = z.infer<typeof ZInvitationsRevokeInput>;

export const ZInvitationsRevokeOutput = ZInvitation;
export type TInvitationsRevokeOutput = z.infer<typeof ZInvitationsRevokeOutput>;
