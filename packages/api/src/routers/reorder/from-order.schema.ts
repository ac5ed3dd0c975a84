import { z } from 'zod';
import { ZFilledCart, ZSkippedLine } from '../order-guides/_schemas.ts';

export const ZReorderFromOrderInput = z.object({ orderId: z.uuid() });
export type TReorderFromOrderInput = z.infer<typeof ZReorderFromOrderInput>;

export const ZReorderFromOrderOutput = z
  .object({
    orderId: z.uuid(),
    orderNumber: z.string().meta({ example: 'IR-000123' }),
    supplierId: z.uuid(),
    cartId: z
      .uuid()
      .nullable()
      .meta({ description: 'The open cart with the supplier (null when nothing could be added)' }),
    cart: ZFilledCart.nullable().meta({ description: 'What was added to it' }),
    skipped: z.array(ZSkippedLine).meta({ description: 'Lines not added: products no longer sold' }),
  })
  .meta({ id: 'ReorderResult' });
export type TReorderFromOrderOutput = z.infer<typeof ZReorderFromOrderOutput>;
