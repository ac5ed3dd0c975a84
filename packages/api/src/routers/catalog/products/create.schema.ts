import { z } from 'zod';
import { ZProductCreate } from '@iris/catalog';
import { ZProduct } from '../_schemas.ts';

export const ZProductCreateInput = ZProductCreate.extend({ supplierId: z.uuid() });
export type TProductCreateInput = z.input<typeof ZProductCreateInput>;

export const ZProductCreateOutput = ZProduct;
export type TProductCreateOutput = z.infer<typeof ZProductCreateOutput>;
