import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZRestaurantSummary } from './_schemas.ts';

export const ZRestaurantsListInput = ZPageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Part of the name (any case)' }),
});
export type TRestaurantsListInput = z.infer<typeof ZRestaurantsListInput>;

export const ZRestaurantsListOutput = ZPage(ZRestaurantSummary).meta({ id: 'RestaurantPage' });
export type TRestaurantsListOutput = z.infer<typeof ZRestaurantsListOutput>;
