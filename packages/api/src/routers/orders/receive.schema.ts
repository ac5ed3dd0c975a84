import { z } from 'zod';
import { DISCREPANCY_REASONS } from '@iris/ordering';
import { ZOrder, ZQuantityOrZeroInput, ZVersion } from './_schemas.ts';

export const ZOrderReceiveInput = z.object({
  orderId: z.uuid(),
  version: ZVersion,
  lines: z
    .array(
      z.object({
        lineId: z.uuid(),
        receivedQuantity: ZQuantityOrZeroInput,
        discrepancyReason: z
          .enum(DISCREPANCY_REASONS)
          .optional()
          .meta({ description: 'Required when the received quantity differs from the confirmed one' }),
        note: z.string().max(500).optional(),
      }),
    )
    .max(500)
    .optional()
    .meta({ description: 'Lines not listed were received in full (as confirmed)' }),
});
export type TOrderReceiveInput = z.infer<typeof ZOrderReceiveInput>;

export const ZOrderReceiveOutput = ZOrder;
export type TOrderReceiveOutput = z.infer<typeof ZOrderReceiveOutput>;
