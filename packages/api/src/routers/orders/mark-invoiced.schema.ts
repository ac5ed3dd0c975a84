import { z } from 'zod';
import { ZOrder, ZVersion } from './_schemas.ts';

export const ZOrderMarkInvoicedInput = z.object({ orderId: z.uuid(), version: ZVersion });
export type TOrderMarkInvoicedInput = z.infer<typeof ZOrderMarkInvoicedInput>;

export const ZOrderMarkInvoicedOutput = ZOrder;
export type TOrderMarkInvoicedOutput = z.infer<typeof ZOrderMarkInvoicedOutput>;
