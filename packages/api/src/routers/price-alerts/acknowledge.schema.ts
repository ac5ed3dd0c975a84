import { z } from 'zod';
import { ZPriceAlert } from './_schemas.ts';

export const ZPriceAlertAcknowledgeInput = z.object({ priceAlertId: z.uuid() });
export type TPriceAlertAcknowledgeInput = z.infer<typeof ZPriceAlertAcknowledgeInput>;

export const ZPriceAlertAcknowledgeOutput = ZPriceAlert;
export type TPriceAlertAcknowledgeOutput = z.infer<typeof ZPriceAlertAcknowledgeOutput>;
