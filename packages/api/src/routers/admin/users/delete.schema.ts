import { z } from 'zod';
import { ZUserIdInput } from './user.schema.ts';

export const ZAdminUserDeleteInput = ZUserIdInput;
export type TAdminUserDeleteInput = z.infer<typeof ZAdminUserDeleteInput>;

export const ZAdminUserDeleteOutput = z
  .object({ userId: z.uuid(), deletedAt: z.iso.datetime() })
  .meta({ id: 'DeletedUser' });
export type TAdminUserDeleteOutput = z.infer<typeof ZAdminUserDeleteOutput>;
