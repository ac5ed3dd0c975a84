import { z } from 'zod';
import type { ProductSnapshot } from '@iris/catalog';

/** A product as a line that refers to it shows it now (guide items, standing order lines, recipe lines). */
export const ZProductSnapshot = z
  .object({
    id: z.uuid(),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    sku: z.string(),
    name: z.string(),
    unit: z.string().meta({ description: 'What one quantity means (kg, l, st, fp …)', example: 'kg' }),
    packSize: z.string().nullable(),
    active: z.boolean(),
    stockStatus: z.string().meta({ example: 'in_stock' }),
    removed: z.boolean().meta({ description: 'The supplier removed it from its catalogue' }),
  })
  .meta({ id: 'ProductSnapshot' });
export type TProductSnapshot = z.infer<typeof ZProductSnapshot>;

export function toProductSnapshotJson(product: ProductSnapshot): TProductSnapshot {
  return {
    id: product.id,
    supplier: { id: product.supplierId, name: product.supplierName },
    sku: product.sku,
    name: product.name,
    unit: product.unit,
    packSize: product.packSize,
    active: product.active,
    stockStatus: product.stockStatus,
    removed: product.removed,
  };
}
