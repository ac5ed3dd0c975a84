import { z } from 'zod';
import { ZOrder, ZVersion } from './_schemas.ts';

export const ZOrderRespondToChangesInput = z.object({
  orderId: z.uuid(),
  version: ZVersion,
  decisions: z
    .array(z.object({ lineId: z.uuid(), accept: z.boolean() }))
    .min(1)
    .max(500)
    .meta({ description: 'One decision per proposed line: every proposed line must be decided' }),
});
export type TOrderRespondToChangesInput = z.infer<typeof ZOrderRespondToChangesInput>;

export const ZOrderRespondToChangesOutput = ZOrder;
export type TOrderRespondToChangesOutput = z.infer<typeof ZOrderRespondToChangesOutput>;
