import { z } from 'zod';
import { PRICE_SOURCES } from '@iris/catalog';
import { ZCatalogUnitPrice } from '../_schemas.ts';

export const ZProductPriceHistoryInput = z.object({
  productId: z.uuid(),
  restaurantId: z.uuid().optional().meta({
    description:
      "A restaurant asks with its own id (what applied to it); the supplier's side may narrow to one customer",
  }),
});
export type TProductPriceHistoryInput = z.infer<typeof ZProductPriceHistoryInput>;

export const ZPriceHistoryEntry = z
  .object({
    source: z.enum(PRICE_SOURCES),
    priceListId: z.uuid().nullable(),
    priceListName: z.string().nullable(),
    contractPriceId: z.uuid().nullable(),
    restaurantId: z.uuid().nullable().meta({ description: 'The restaurant of a contract price' }),
    unitPrice: ZCatalogUnitPrice,
    validFrom: z.iso.datetime(),
    validTo: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'Exclusive; null = still in force (or planned)' }),
  })
  .meta({ id: 'PriceHistoryEntry' });

export const ZProductPriceHistoryOutput = z
  .object({ productId: z.uuid(), entries: z.array(ZPriceHistoryEntry) })
  .meta({ id: 'PriceHistory', description: 'Chronological (validFrom), every source' });
export type TProductPriceHistoryOutput = z.infer<typeof ZProductPriceHistoryOutput>;
