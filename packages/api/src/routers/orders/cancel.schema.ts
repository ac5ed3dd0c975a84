import { z } from 'zod';
import { ZOrder, ZVersion } from './_schemas.ts';

export const ZOrderCancelInput = z.object({
  orderId: z.uuid(),
  version: ZVersion,
  reason: z.string().trim().min(1).max(500).meta({ description: 'Why (both sides see it)' }),
});
export type TOrderCancelInput = z.infer<typeof ZOrderCancelInput>;

export const ZOrderCancelOutput = ZOrder;
export type TOrderCancelOutput = z.infer<typeof ZOrderCancelOutput>;
