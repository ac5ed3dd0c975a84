import { z } from 'zod';
import { MEMBER_ROLES } from '@iris/identity';
import { ZMember, ZOrganizationIdParam } from './_schemas.ts';

export const ZMembersUpdateInput = z.object({
  organizationId: ZOrganizationIdParam,
  userId: z.uuid(),
  role: z.enum(MEMBER_ROLES),
});
export type TMembersUpdateInput = z.infer<typeof ZMembersUpdateInput>;

export const ZMembersUpdateOutput = ZMember;
export type TMembersUpdateOutput = z.infer<typeof ZMembersUpdateOutput>;
