import { z } from 'zod';
import { ZOrder, ZQuantityOrZeroInput, ZVersion } from './_schemas.ts';

export const ZOrderConfirmInput = z.object({
  orderId: z.uuid(),
  version: ZVersion,
  lines: z
    .array(
      z.object({
        lineId: z.uuid(),
        quantity: ZQuantityOrZeroInput.optional().meta({
          description: 'The quantity you can deliver (0: none); omit to keep the ordered quantity',
        }),
        substituteProductId: z
          .uuid()
          .optional()
          .meta({ description: 'One of your products to deliver instead' }),
        reason: z.string().max(500).optional(),
      }),
    )
    .max(500)
    .optional()
    .meta({
      description:
        'Changes to propose. Without any (or only unchanged lines), the order is confirmed as ordered; with some, it goes to changes_proposed for the restaurant to answer.',
    }),
});
export type TOrderConfirmInput = z.infer<typeof ZOrderConfirmInput>;

export const ZOrderConfirmOutput = ZOrder;
export type TOrderConfirmOutput = z.infer<typeof ZOrderConfirmOutput>;
