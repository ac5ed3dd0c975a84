import { z } from 'zod';
import { ZDeliveryAddressPatch } from '@iris/identity';
import { ZDeliveryAddress, ZRestaurantIdParam } from '../_schemas.ts';

export const ZAddressesUpdateInput = ZDeliveryAddressPatch.extend({
  restaurantId: ZRestaurantIdParam,
  addressId: z.uuid(),
});
export type TAddressesUpdateInput = z.infer<typeof ZAddressesUpdateInput>;

export const ZAddressesUpdateOutput = ZDeliveryAddress;
export type TAddressesUpdateOutput = z.infer<typeof ZAddressesUpdateOutput>;
