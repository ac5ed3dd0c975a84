import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZPriceAlert } from './_schemas.ts';

export const ZPriceAlertListInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  status: z.enum(['open', 'acknowledged']).optional(),
});
export type TPriceAlertListInput = z.infer<typeof ZPriceAlertListInput>;

export const ZPriceAlertListOutput = ZPage(ZPriceAlert).meta({ id: 'PriceAlertPage' });
export type TPriceAlertListOutput = z.infer<typeof ZPriceAlertListOutput>;
