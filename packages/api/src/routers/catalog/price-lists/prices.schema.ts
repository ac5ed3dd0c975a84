import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../../list-query.ts';
import { ZCatalogUnitPrice, ZInstant } from '../_schemas.ts';

export const ZPriceListPricesInput = ZPageQuery.extend({
  priceListId: z.uuid(),
  at: ZInstant.optional().meta({ description: 'The prices in force at this instant (default now)' }),
});
export type TPriceListPricesInput = z.infer<typeof ZPriceListPricesInput>;

export const ZPriceListEntry = z
  .object({
    entryId: z.uuid(),
    productId: z.uuid(),
    sku: z.string(),
    productName: z.string(),
    unitPrice: ZCatalogUnitPrice,
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PriceListEntry' });

export const ZPriceListPricesOutput = ZPage(ZPriceListEntry).meta({ id: 'PriceListEntryPage' });
export type TPriceListPricesOutput = z.infer<typeof ZPriceListPricesOutput>;
