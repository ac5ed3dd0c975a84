import { z } from 'zod';
import type { UserAdminRecord } from '@iris/identity';
import { ROLES } from '../../../context.ts';

/** A user as administrators see it. */
export const ZAdminUser = z
  .object({
    id: z.uuid(),
    email: z.string().meta({ description: 'After GDPR erasure: erased+<id>@erased.invalid' }),
    role: z.enum(ROLES),
    clerkUserId: z.string().nullable().meta({ description: 'null for erased users' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
    erasedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AdminUser' });
export type TAdminUser = z.infer<typeof ZAdminUser>;

export function toAdminUserJson(user: UserAdminRecord): TAdminUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    clerkUserId: user.clerkUserId,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    deletedAt: user.deletedAt?.toISOString() ?? null,
    erasedAt: user.erasedAt?.toISOString() ?? null,
  };
}

export const ZUserIdInput = z.object({ userId: z.uuid() });
