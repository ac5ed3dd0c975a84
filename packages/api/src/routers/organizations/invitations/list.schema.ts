import { z } from 'zod';
import { INVITATION_STATUSES } from '@iris/identity';
import { ZPage, ZPageQuery } from '../../../list-query.ts';
import { ZOrganizationIdParam } from '../members/_schemas.ts';
import { ZInvitation } from './_schemas.ts';

export const ZInvitationsListInput = ZPageQuery.extend({
  organizationId: ZOrganizationIdParam,
  status: z.enum(INVITATION_STATUSES).optional(),
});
export type TInvitationsListInput = z.infer<typeof ZInvitationsListInput>;

export const ZInvitationsListOutput = ZPage(ZInvitation).meta({ id: 'InvitationPage' });
export type TInvitationsListOutput = z.infer<typeof ZInvitationsListOutput>;
