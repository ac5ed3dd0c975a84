import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZIsoDate, ZOrderSummary, ZStatusList } from './_schemas.ts';

export const ZOrderListForRestaurantInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  status: ZStatusList,
  supplierId: z.uuid().optional(),
  deliveryDateMin: ZIsoDate.optional().meta({ description: 'Requested delivery on or after (yyyy-MM-dd)' }),
  deliveryDateMax: ZIsoDate.optional().meta({ description: 'Requested delivery on or before (yyyy-MM-dd)' }),
});
export type TOrderListForRestaurantInput = z.infer<typeof ZOrderListForRestaurantInput>;

export const ZOrderListForRestaurantOutput = ZPage(ZOrderSummary).meta({ id: 'OrderSummaryPage' });
export type TOrderListForRestaurantOutput = z.infer<typeof ZOrderListForRestaurantOutput>;
