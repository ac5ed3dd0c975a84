import { z } from 'zod';
import { ZCart } from './_schemas.ts';

export const ZCartListInput = z.object({ restaurantId: z.uuid() });
export type TCartListInput = z.infer<typeof ZCartListInput>;

export const ZCartListOutput = z
  .object({ items: z.array(ZCart).meta({ description: 'Open carts, most recently changed first' }) })
  .meta({ id: 'CartList' });
export type TCartListOutput = z.infer<typeof ZCartListOutput>;
