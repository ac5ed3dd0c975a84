import { z } from 'zod';
import { ZPage, ZPageQuery, zQueryBoolean } from '../../list-query.ts';
import { ZStandingOrder } from './_schemas.ts';

export const ZStandingOrderListInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  supplierId: z.uuid().optional(),
  active: zQueryBoolean.optional(),
});
export type TStandingOrderListInput = z.infer<typeof ZStandingOrderListInput>;

export const ZStandingOrderListOutput = ZPage(ZStandingOrder).meta({ id: 'StandingOrderPage' });
export type TStandingOrderListOutput = z.infer<typeof ZStandingOrderListOutput>;
