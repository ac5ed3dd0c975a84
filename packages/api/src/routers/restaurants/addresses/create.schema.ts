import type { z } from 'zod';
import { ZDeliveryAddressInput } from '@iris/identity';
import { ZDeliveryAddress, ZRestaurantIdParam } from '../_schemas.ts';

export const ZAddressesCreateInput = ZDeliveryAddressInput.extend({ restaurantId: ZRestaurantIdParam });
export type TAddressesCreateInput = z.infer<typeof ZAddressesCreateInput>;

export const ZAddressesCreateOutput = ZDeliveryAddress;
export type TAddressesCreateOutput = z.infer<typeof ZAddressesCreateOutput>;
