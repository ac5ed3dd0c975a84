import { z } from 'zod';
import { ZPriceList } from './_schemas.ts';

export const ZPriceListListInput = z.object({ supplierId: z.uuid() });
export type TPriceListListInput = z.infer<typeof ZPriceListListInput>;

export const ZPriceListListOutput = z.object({ items: z.array(ZPriceList) }).meta({ id: 'PriceListList' });
export type TPriceListListOutput = z.infer<typeof ZPriceListListOutput>;
