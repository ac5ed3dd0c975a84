import { z } from 'zod';
import { ROLES } from '../../context.ts';

export const ZDevTokenInput = z.object({
  email: z.email().max(320).meta({ example: 'anna@bistro-nord.example' }),
});
export type TDevTokenInput = z.infer<typeof ZDevTokenInput>;

export const ZDevTokenOutput = z
  .object({
    token: z
      .string()
      .meta({ description: 'Clerk-shaped session JWT; send as `Authorization: Bearer <token>`' }),
    tokenType: z.literal('Bearer'),
    expiresAt: z.iso.datetime(),
    userId: z.uuid(),
    role: z.enum(ROLES),
  })
  .meta({ id: 'DevToken' });
export type TDevTokenOutput = z.infer<typeof ZDevTokenOutput>;
