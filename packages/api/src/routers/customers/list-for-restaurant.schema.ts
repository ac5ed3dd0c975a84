import { z } from 'zod';
import { CUSTOMER_STATUSES } from '@iris/identity';
import { ZPageQuery } from '../../list-query.ts';
import { ZCustomerRelationshipPage } from './relationship.schema.ts';

export const ZCustomerListForRestaurantInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
});
export type TCustomerListForRestaurantInput = z.infer<typeof ZCustomerListForRestaurantInput>;

export const ZCustomerListForRestaurantOutput = ZCustomerRelationshipPage;
export type TCustomerListForRestaurantOutput = z.infer<typeof ZCustomerListForRestaurantOutput>;
