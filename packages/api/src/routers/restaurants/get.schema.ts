import { z } from 'zod';
import { ZRestaurant, ZRestaurantIdParam } from './_schemas.ts';

export const ZRestaurantsGetInput = z.object({ restaurantId: ZRestaurantIdParam });
export type TRestaurantsGetInput = z.infer<typeof ZRestaurantsGetInput>;

export const ZRestaurantsGetOutput = ZRestaurant;
export type TRestaurantsGetOutput = z.infer<typeof ZRestaurantsGetOutput>;
