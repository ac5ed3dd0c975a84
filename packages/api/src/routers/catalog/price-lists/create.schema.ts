import { z } from 'zod';
import { ZPriceListName } from '@iris/catalog';
import { ZPriceList } from './_schemas.ts';

export const ZPriceListCreateInput = z.object({ supplierId: z.uuid(), name: ZPriceListName });
export type TPriceListCreateInput = z.infer<typeof ZPriceListCreateInput>;

export const ZPriceListCreateOutput = ZPriceList;
export type TPriceListCreateOutput = z.infer<typeof ZPriceListCreateOutput>;
