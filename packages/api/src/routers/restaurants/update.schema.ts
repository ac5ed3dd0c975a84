import type { z } from 'zod';
import { ZRestaurantPatch } from '@iris/identity';
import { ZRestaurant, ZRestaurantIdParam } from './_schemas.ts';

export const ZRestaurantsUpdateInput = ZRestaurantPatch.extend({ restaurantId: ZRestaurantIdParam });
export type TRestaurantsUpdateInput = z.infer<typeof ZRestaurantsUpdateInput>;

export const ZRestaurantsUpdateOutput = ZRestaurant;
export type TRestaurantsUpdateOutput = z.infer<typeof ZRestaurantsUpdateOutput>;
