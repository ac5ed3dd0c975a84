import { z } from 'zod';

/** Output shapes shared by the restaurant procedures (inputs come from @iris/identity's schemas). */

export const ZDeliveryAddress = z
  .object({
    id: z.uuid(),
    restaurantId: z.uuid(),
    label: z.string(),
    line1: z.string(),
    line2: z.string().nullable(),
    postalCode: z.string().meta({ example: '113 51' }),
    city: z.string(),
    country: z.string().meta({ example: 'SE' }),
    instructions: z.string().nullable(),
    isDefault: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'DeliveryAddress' });
export type TDeliveryAddress = z.infer<typeof ZDeliveryAddress>;

export const ZDeliveryPreferencesOutput = z
  .object({
    earliestTime: z.string().nullable().meta({ description: 'HH:MM, Europe/Stockholm', example: '06:00' }),
    latestTime: z.string().nullable().meta({ description: 'HH:MM, Europe/Stockholm', example: '10:30' }),
    unattendedAllowed: z.boolean(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'DeliveryPreferences' });

export const ZRestaurant = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organisationNumber: z.string().meta({ example: '556036-0793' }),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    deliveryPreferences: ZDeliveryPreferencesOutput,
    addresses: z.array(ZDeliveryAddress).meta({ description: 'The default address first' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Restaurant' });
export type TRestaurant = z.infer<typeof ZRestaurant>;

export const ZRestaurantSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organisationNumber: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RestaurantSummary' });
export type TRestaurantSummary = z.infer<typeof ZRestaurantSummary>;

export const ZRestaurantIdParam = z.uuid().meta({ description: 'The restaurant (organization) id' });
