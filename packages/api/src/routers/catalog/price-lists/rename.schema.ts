import { z } from 'zod';
import { ZPriceListName } from '@iris/catalog';
import { ZPriceList } from './_schemas.ts';

export const ZPriceListRenameInput = z.object({ priceListId: z.uuid(), name: ZPriceListName });
export type TPriceListRenameInput = z.infer<typeof ZPriceListRenameInput>;

export const ZPriceListRenameOutput = ZPriceList;
export type TPriceListRenameOutput = z.infer<typeof ZPriceListRenameOutput>;
