import { z } from 'zod';
import { ZPageQuery, zQueryBoolean } from '../../../list-query.ts';
import { ZProductPage } from '../_schemas.ts';

export const ZProductListInput = ZPageQuery.extend({
  supplierId: z.uuid(),
  restaurantId: z
    .uuid()
    .optional()
    .meta({ description: 'List as this restaurant (an active customer): active products with its prices' }),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .meta({ description: 'Part of the name, brand, SKU, GTIN or category (case and accents ignored)' }),
  categoryId: z.uuid().optional().meta({ description: 'This category and everything below it' }),
  active: zQueryBoolean
    .optional()
    .meta({ description: "Supplier's view: only active (true) or inactive (false)" }),
  inStock: zQueryBoolean.optional().meta({ description: 'true: in stock or low; false: out of stock' }),
});
export type TProductListInput = z.infer<typeof ZProductListInput>;

export const ZProductListOutput = ZProductPage;
export type TProductListOutput = z.infer<typeof ZProductListOutput>;
