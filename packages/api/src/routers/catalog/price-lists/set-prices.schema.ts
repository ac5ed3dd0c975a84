import { z } from 'zod';
import { ZSetPricesInput } from '@iris/catalog';

export const ZPriceListSetPricesInput = ZSetPricesInput.extend({ priceListId: z.uuid() });
export type TPriceListSetPricesInput = z.input<typeof ZPriceListSetPricesInput>;

export const ZPriceListSetPricesOutput = z
  .object({
    changed: z.number().int(),
    unchanged: z.number().int().meta({ description: 'Prices equal to the one in force: nothing written' }),
    items: z.array(
      z.object({
        productId: z.uuid(),
        sku: z.string(),
        unitPrice: z.string().meta({ description: 'Unit price, 3 decimals' }),
        previous: z.string().nullable().meta({ description: 'The price in force before (changed items)' }),
        validFrom: z.iso.datetime(),
        changed: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SetPricesResult' });
export type TPriceListSetPricesOutput = z.infer<typeof ZPriceListSetPricesOutput>;
