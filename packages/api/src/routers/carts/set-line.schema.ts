import { z } from 'zod';
import { ZQuantityInput } from '../orders/_schemas.ts';
import { ZCart, ZCartPath } from './_schemas.ts';

export const ZCartSetLineInput = ZCartPath.extend({
  productId: z.uuid(),
  quantity: ZQuantityInput.meta({ description: 'The quantity to have in the cart (sets, does not add)' }),
});
export type TCartSetLineInput = z.infer<typeof ZCartSetLineInput>;

export const ZCartSetLineOutput = ZCart;
export type TCartSetLineOutput = z.infer<typeof ZCartSetLineOutput>;
