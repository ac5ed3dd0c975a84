import { z } from 'zod';
import { MEMBER_ROLES, ORGANIZATION_KINDS } from '@iris/identity';
import { ZAdminUser, ZUserIdInput } from './user.schema.ts';

export const ZAdminUserGetInput = ZUserIdInput;
export type TAdminUserGetInput = z.infer<typeof ZAdminUserGetInput>;

export const ZAdminUserGetOutput = ZAdminUser.extend({
  memberships: z.array(
    z.object({
      organizationId: z.uuid(),
      kind: z.enum(ORGANIZATION_KINDS),
      name: z.string(),
      role: z.enum(MEMBER_ROLES),
    }),
  ),
}).meta({ id: 'AdminUserDetail' });
export type TAdminUserGetOutput = z.infer<typeof ZAdminUserGetOutput>;
