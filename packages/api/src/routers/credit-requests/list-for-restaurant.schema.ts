import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZCreditRequest } from './_schemas.ts';

export const ZCreditRequestListForRestaurantInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  status: z.enum(['open', 'credited', 'withdrawn']).optional(),
});
export type TCreditRequestListForRestaurantInput = z.infer<typeof ZCreditRequestListForRestaurantInput>;

export const ZCreditRequestListForRestaurantOutput = ZPage(ZCreditRequest).meta({ id: 'CreditRequestPage' });
export type TCreditRequestListForRestaurantOutput = z.infer<typeof ZCreditRequestListForRestaurantOutput>;
