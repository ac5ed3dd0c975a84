import { z } from 'zod';
import type { PriceListRecord } from '@iris/catalog';

export const ZPriceList = z
  .object({
    id: z.uuid(),
    supplierId: z.uuid(),
    name: z.string(),
    kind: z.enum(['base', 'customer']).meta({
      description: 'base: the supplier’s list prices (one per supplier); customer: assigned to customers',
    }),
    currency: z.literal('SEK'),
    customerCount: z.number().int().meta({
      description:
        'Customer relationships using this list (assign with PATCH /customer-relationships/{id} priceListId)',
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PriceList' });
export type TPriceList = z.infer<typeof ZPriceList>;

export function priceListJson(list: PriceListRecord): TPriceList {
  return {
    id: list.id,
    supplierId: list.supplierId,
    name: list.name,
    kind: list.kind,
    currency: 'SEK',
    customerCount: list.customerCount,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
  };
}
