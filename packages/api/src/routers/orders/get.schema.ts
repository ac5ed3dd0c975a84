import { z } from 'zod';
import { ZOrder } from './_schemas.ts';

export const ZOrderGetInput = z.object({ orderId: z.uuid() });
export type TOrderGetInput = z.infer<typeof ZOrderGetInput>;

export const ZOrderGetOutput = ZOrder;
export type TOrderGetOutput = z.infer<typeof ZOrderGetOutput>;
