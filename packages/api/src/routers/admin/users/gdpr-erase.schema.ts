import { z } from 'zod';
import { ZUserIdInput } from './user.schema.ts';

export const ZAdminUserGdprEraseInput = ZUserIdInput;
export type TAdminUserGdprEraseInput = z.infer<typeof ZAdminUserGdprEraseInput>;

export const ZAdminUserGdprEraseOutput = z
  .object({
    userId: z.uuid(),
    erasedAt: z.iso
      .datetime()
      .meta({ description: 'When the user was erased (the first time, if erased before)' }),
  })
  .meta({ id: 'ErasedUser' });
export type TAdminUserGdprEraseOutput = z.infer<typeof ZAdminUserGdprEraseOutput>;
