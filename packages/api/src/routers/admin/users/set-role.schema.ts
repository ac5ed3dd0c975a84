import { z } from 'zod';
import { ROLES } from '../../../context.ts';
import { ZAdminUser, ZUserIdInput } from './user.schema.ts';

export const ZAdminUserSetRoleInput = ZUserIdInput.extend({ role: z.enum(ROLES) });
export type TAdminUserSetRoleInput = z.infer<typeof ZAdminUserSetRoleInput>;

export const ZAdminUserSetRoleOutput = ZAdminUser;
export type TAdminUserSetRoleOutput = z.infer<typeof ZAdminUserSetRoleOutput>;
