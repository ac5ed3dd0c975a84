import { z } from 'zod';
import type { ContractPriceRecord } from '@iris/catalog';
import { ZPage } from '../../../list-query.ts';
import { unitPriceJson, ZCatalogUnitPrice } from '../_schemas.ts';

export const ZContractPrice = z
  .object({
    id: z.uuid(),
    supplierId: z.uuid(),
    restaurant: z.object({ id: z.uuid(), name: z.string() }),
    product: z.object({ id: z.uuid(), sku: z.string(), name: z.string() }),
    unitPrice: ZCatalogUnitPrice,
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime().nullable().meta({ description: 'Exclusive; null = until ended' }),
    reference: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ContractPrice' });
export type TContractPrice = z.infer<typeof ZContractPrice>;

export const ZContractPricePage = ZPage(ZContractPrice).meta({ id: 'ContractPricePage' });

export function contractPriceJson(record: ContractPriceRecord): TContractPrice {
  return {
    id: record.id,
    supplierId: record.supplierId,
    restaurant: { id: record.restaurantId, name: record.restaurantName },
    product: { id: record.productId, sku: record.sku, name: record.productName },
    unitPrice: unitPriceJson(record.unitPrice),
    validFrom: record.validFrom.toISOString(),
    validTo: record.validTo?.toISOString() ?? null,
    reference: record.reference,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
