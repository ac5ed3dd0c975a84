import { z } from 'zod';
import { ZRestaurantIdParam } from '../_schemas.ts';

export const ZAddressesRemoveInput = z.object({ restaurantId: ZRestaurantIdParam, addressId: z.uuid() });
export type TAddressesRemoveInput = z.infer<typeof ZAddressesRemoveInput>;

export const ZAddressesRemoveOutput = z
  .object({
    id: z.uuid().meta({ description: 'The removed address' }),
    defaultAddressId: z
      .uuid()
      .nullable()
      .meta({ description: 'The default address now (null when none is left)' }),
  })
  .meta({ id: 'DeliveryAddressRemoved' });
export type TAddressesRemoveOutput = z.infer<typeof ZAddressesRemoveOutput>;
