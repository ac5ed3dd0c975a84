import { z } from 'zod';
import { ZIsoDate } from '../orders/_schemas.ts';
import { ZCart, ZCartPath } from './_schemas.ts';

export const ZCartUpdateInput = ZCartPath.extend({
  requestedDeliveryDate: ZIsoDate.nullable().optional().meta({
    description: 'yyyy-MM-dd; null: the next possible date. A date that does not work shows as a blocker',
  }),
  deliveryAddressId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: "null: the restaurant's default address" }),
  note: z.string().max(1000).nullable().optional().meta({ description: 'For the supplier; null clears it' }),
});
export type TCartUpdateInput = z.infer<typeof ZCartUpdateInput>;

export const ZCartUpdateOutput = ZCart;
export type TCartUpdateOutput = z.infer<typeof ZCartUpdateOutput>;
