import { z } from 'zod';
import { MEMBER_ROLES, type MemberRecord } from '@iris/identity';

export const ZOrganizationIdParam = z.uuid().meta({ description: 'A restaurant’s or supplier’s id' });

export const ZMember = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    role: z.enum(MEMBER_ROLES),
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'Member' });
export type TMember = z.infer<typeof ZMember>;

export function toMemberJson(member: MemberRecord): TMember {
  return {
    userId: member.userId,
    email: member.email,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
  };
}
