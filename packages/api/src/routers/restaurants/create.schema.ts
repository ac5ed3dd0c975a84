import type { z } from 'zod';
import { ZRestaurantCreate } from '@iris/identity';
import { ZRestaurant } from './_schemas.ts';

export const ZRestaurantsCreateInput = ZRestaurantCreate.refine(
  (input) => (input.addresses ?? []).filter((address) => address.isDefault).length <= 1,
  { path: ['addresses'], message: 'At most one address can be the default' },
);
export type TRestaurantsCreateInput = z.infer<typeof ZRestaurantsCreateInput>;

export const ZRestaurantsCreateOutput = ZRestaurant;
export type TRestaurantsCreateOutput = z.infer<typeof ZRestaurantsCreateOutput>;
