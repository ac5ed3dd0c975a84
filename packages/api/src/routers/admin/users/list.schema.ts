import { z } from 'zod';
import { ROLES } from '../../../context.ts';
import { ZPage, ZPageQuery, zQueryBoolean } from '../../../list-query.ts';
import { ZAdminUser } from './user.schema.ts';

export const ZAdminUserListInput = ZPageQuery.extend({
  role: z.enum(ROLES).optional(),
  email: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .optional()
    .meta({ description: 'Case-insensitive part of the email' }),
  includeDeleted: zQueryBoolean
    .optional()
    .meta({ description: 'Also list deleted (and erased) users; default false' }),
});
export type TAdminUserListInput = z.infer<typeof ZAdminUserListInput>;

export const ZAdminUserListOutput = ZPage(ZAdminUser).meta({ id: 'AdminUserPage' });
export type TAdminUserListOutput = z.infer<typeof ZAdminUserListOutput>;
