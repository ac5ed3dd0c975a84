import { z } from 'zod';
import { ZOrder, ZVersion } from './_schemas.ts';

export const ZOrderCloseInput = z.object({ orderId: z.uuid(), version: ZVersion });
export type TOrderCloseInput = z.infer<typeof ZOrderCloseInput>;

export const ZOrderCloseOutput = ZOrder;
export type TOrderCloseOutput = z.infer<typeof ZOrderCloseOutput>;
