import { z } from 'zod';
import { ZProductPatch } from '@iris/catalog';
import { ZProduct } from '../_schemas.ts';

export const ZProductUpdateInput = ZProductPatch.extend({ productId: z.uuid() });
export type TProductUpdateInput = z.input<typeof ZProductUpdateInput>;

export const ZProductUpdateOutput = ZProduct;
export type TProductUpdateOutput = z.infer<typeof ZProductUpdateOutput>;
