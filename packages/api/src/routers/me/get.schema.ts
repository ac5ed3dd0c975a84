import { z } from 'zod';
import { MEMBER_ROLES, ORGANIZATION_KINDS, type MembershipOfUser } from '@iris/identity';
import { ROLES } from '../../context.ts';

export const ZMeGetInput = z.void();

export const ZMyMembership = z
  .object({
    organizationId: z.uuid(),
    kind: z.enum(ORGANIZATION_KINDS),
    name: z.string(),
    role: z.enum(MEMBER_ROLES),
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'MyMembership' });
export type TMyMembership = z.infer<typeof ZMyMembership>;

export const ZMeGetOutput = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(ROLES),
    memberships: z.array(ZMyMembership).meta({ description: 'The caller’s organizations, by name' }),
  })
  .meta({ id: 'Me' });
export type TMeGetOutput = z.infer<typeof ZMeGetOutput>;

export function toMyMembershipJson(membership: MembershipOfUser): TMyMembership {
  return {
    organizationId: membership.organizationId,
    kind: membership.kind,
    name: membership.name,
    role: membership.role,
    joinedAt: membership.joinedAt.toISOString(),
  };
}
