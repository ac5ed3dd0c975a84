import { z } from 'zod';
import { ZProduct } from '../_schemas.ts';

export const ZProductGetInput = z.object({
  productId: z.uuid(),
  restaurantId: z.uuid().optional().meta({
    description: 'Ask as this restaurant (an active customer): active products only, with its price',
  }),
});
export type TProductGetInput = z.infer<typeof ZProductGetInput>;

export const ZProductGetOutput = ZProduct;
export type TProductGetOutput = z.infer<typeof ZProductGetOutput>;
