import { z } from 'zod';
import { ZPriceList } from './_schemas.ts';

export const ZPriceListGetInput = z.object({ priceListId: z.uuid() });
export type TPriceListGetInput = z.infer<typeof ZPriceListGetInput>;

export const ZPriceListGetOutput = ZPriceList;
export type TPriceListGetOutput = z.infer<typeof ZPriceListGetOutput>;
