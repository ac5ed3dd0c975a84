import { z } from 'zod';
import { ZCart, ZCartPath } from './_schemas.ts';

export const ZCartRemoveLineInput = ZCartPath.extend({ productId: z.uuid() });
export type TCartRemoveLineInput = z.infer<typeof ZCartRemoveLineInput>;

export const ZCartRemoveLineOutput = ZCart;
export type TCartRemoveLineOutput = z.infer<typeof ZCartRemoveLineOutput>;
