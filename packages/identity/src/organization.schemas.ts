import { z } from 'zod';
import { ZOrganisationNumber } from './organisation-number.ts';

/**
 * The shapes of what restaurants and suppliers store, in one place: the API's input schemas build on these,
 * and the services parse the JSON columns (deliveryPreferences, deliveryRegions, orderCutoff) with them.
 */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A wall-clock time "HH:MM" (24-hour); for suppliers and deliveries it is Europe/Stockholm time. */
export const ZTimeOfDay = z.string().regex(HH_MM, 'Use a 24-hour time as HH:MM').meta({ example: '06:30' });

/** Minutes since midnight of an "HH:MM" already checked by ZTimeOfDay. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Swedish postal code: "NNN NN" (also accepted as "NNNNN"), normalised to "NNN NN". */
export const ZPostalCode = z
  .string()
  .trim()
  .regex(/^[1-9]\d{2} ?\d{2}$/, 'Use a Swedish postal code, NNN NN')
  .transform((value) => {
    const digits = value.replace(' ', '');
    return `${digits.slice(0, 3)} ${digits.slice(3)}`;
  })
  .meta({ example: '113 51' });

export function normalisePostalCode(value: string): string | null {
  const parsed = ZPostalCode.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const ZName = z.string().trim().min(1).max(200);
const ZOptionalText = (max: number) => z.string().trim().min(1).max(max);

// ---------------------------------------------------------------------------------------------------------
// Restaurants

/** A type alias (not an interface), so it is assignable to Prisma's JSON input type. */
export type DeliveryPreferences = {
  earliestTime: string | null;
  latestTime: string | null;
  unattendedAllowed: boolean;
  notes: string | null;
};

export const NO_DELIVERY_PREFERENCES: DeliveryPreferences = {
  earliestTime: null,
  latestTime: null,
  unattendedAllowed: false,
  notes: null,
};

/** When deliveries are welcome: earliestTime must be before latestTime when both are given. */
export const ZDeliveryPreferences = z
  .object({
    earliestTime: ZTimeOfDay.nullable().default(null),
    latestTime: ZTimeOfDay.nullable().default(null),
    unattendedAllowed: z.boolean().default(false),
    notes: z.string().trim().max(500).nullable().default(null),
  })
  .strict()
  .refine(
    (value) =>
      value.earliestTime === null ||
      value.latestTime === null ||
      minutesOfDay(value.earliestTime) < minutesOfDay(value.latestTime),
    { path: ['latestTime'], message: 'latestTime must be after earliestTime' },
  )
  .transform((value): DeliveryPreferences => ({ ...value, notes: value.notes === '' ? null : value.notes }));

/** Reads the stored JSON; anything unreadable (rows written before validation existed) reads as none. */
export function readDeliveryPreferences(stored: unknown): DeliveryPreferences {
  const parsed = ZDeliveryPreferences.safeParse(stored);
  return parsed.success ? parsed.data : NO_DELIVERY_PREFERENCES;
}

export const ZDeliveryAddressInput = z.object({
  label: ZName.meta({ example: 'Köksingången' }),
  line1: ZName.meta({ example: 'Drottninggatan 12' }),
  line2: ZOptionalText(200).nullish(),
  postalCode: ZPostalCode,
  city: ZName.meta({ example: 'Stockholm' }),
  country: z.literal('SE').default('SE').meta({ description: 'Only Sweden (SE) for now' }),
  instructions: ZOptionalText(500).nullish().meta({ description: 'For the driver: door code, gate …' }),
  isDefault: z
    .boolean()
    .default(false)
    .meta({ description: 'The address orders go to unless told otherwise; the first one is always default' }),
});
export type DeliveryAddressInput = z.output<typeof ZDeliveryAddressInput>;

/** Changes to an address: every field optional; `line2`/`instructions` null clears them. */
export const ZDeliveryAddressPatch = z.object({
  label: ZName.optional(),
  line1: ZName.optional(),
  line2: ZOptionalText(200).nullable().optional(),
  postalCode: ZPostalCode.optional(),
  city: ZName.optional(),
  country: z.literal('SE').optional(),
  instructions: ZOptionalText(500).nullable().optional(),
  isDefault: z.boolean().optional().meta({
    description:
      'true makes this the default (the previous default stops being one); to move the default, set it on another address',
  }),
});
export type DeliveryAddressPatch = z.output<typeof ZDeliveryAddressPatch>;

export const ZContactPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'Use a phone number: digits, spaces, +, -, ( )')
  .meta({ example: '+46 8 123 456 78' });

const restaurantFields = {
  name: ZName.meta({ example: 'Bistro Nord' }),
  contactName: ZOptionalText(200).nullish(),
  contactEmail: z.email().max(320).nullish(),
  contactPhone: ZContactPhone.nullish(),
  deliveryPreferences: ZDeliveryPreferences.optional(),
};

export const ZRestaurantCreate = z.object({
  ...restaurantFields,
  organisationNumber: ZOrganisationNumber,
  addresses: z
    .array(ZDeliveryAddressInput)
    .max(20)
    .optional()
    .meta({ description: 'Delivery addresses to add at once (more can be added later)' }),
});
export type RestaurantCreate = z.output<typeof ZRestaurantCreate>;

/** Changes to a restaurant: every field optional; contact fields null clear them. */
export const ZRestaurantPatch = z.object({
  name: restaurantFields.name.optional(),
  organisationNumber: ZOrganisationNumber.optional(),
  contactName: restaurantFields.contactName,
  contactEmail: restaurantFields.contactEmail,
  contactPhone: restaurantFields.contactPhone,
  deliveryPreferences: restaurantFields.deliveryPreferences.meta({
    description: 'Replaces the preferences as a whole',
  }),
});
export type RestaurantPatch = z.output<typeof ZRestaurantPatch>;

// ---------------------------------------------------------------------------------------------------------
// Suppliers

/** A type alias (not an interface), so it is assignable to Prisma's JSON input type. */
export type DeliveryRegion = {
  name: string;
  postalCodePrefixes: string[];
};

export const ZDeliveryRegion = z
  .object({
    name: ZName.meta({ example: 'Stockholm innerstad' }),
    postalCodePrefixes: z
      // Swedish postal codes run 100 00–999 99: no prefix starts with 0.
      .array(
        z.string().regex(/^[1-9]\d{0,4}$/, 'A prefix is 1–5 digits of a postal code, not starting with 0'),
      )
      .min(1)
      .max(500)
      .meta({ example: ['111', '112', '113'] }),
  })
  .strict();

export const ZDeliveryRegions = z.array(ZDeliveryRegion).max(100);

export function readDeliveryRegions(stored: unknown): DeliveryRegion[] {
  const parsed = ZDeliveryRegions.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

export const ISO_WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** A type alias (not an interface), so it is assignable to Prisma's JSON input type. */
export type OrderCutoff = {
  cutoffTime: string;
  leadDays: number;
  weekdayCutoffs?: Partial<Record<IsoWeekday, string>> | undefined;
};

/** When orders must be in: cutoffTime (Europe/Stockholm) leadDays before delivery, per weekday if given. */
export const ZOrderCutoff = z
  .object({
    cutoffTime: ZTimeOfDay.meta({ description: 'Europe/Stockholm local time', example: '14:00' }),
    leadDays: z.number().int().min(0).max(14).meta({ description: 'Days between cut-off and delivery' }),
    weekdayCutoffs: z
      .partialRecord(z.enum(ISO_WEEKDAYS), ZTimeOfDay)
      .optional()
      .meta({
        description: 'Per ISO weekday (1 = Monday … 7 = Sunday) of the order day, overriding cutoffTime',
        example: { '5': '12:00' },
      }),
  })
  .strict();

/** null when the supplier has not set a cut-off yet (the column's default is an empty object). */
export function readOrderCutoff(stored: unknown): OrderCutoff | null {
  const parsed = ZOrderCutoff.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

const supplierFields = {
  name: ZName.meta({ example: 'Grossist Syd' }),
  deliveryRegions: ZDeliveryRegions,
  orderCutoff: ZOrderCutoff,
};

export const ZSupplierCreate = z.object({
  name: supplierFields.name,
  organisationNumber: ZOrganisationNumber,
  deliveryRegions: supplierFields.deliveryRegions.default([]),
  orderCutoff: supplierFields.orderCutoff.nullish(),
});
export type SupplierCreate = z.output<typeof ZSupplierCreate>;

/** Changes to a supplier: every field optional; regions and cut-off are replaced as a whole. */
export const ZSupplierPatch = z.object({
  name: supplierFields.name.optional(),
  organisationNumber: ZOrganisationNumber.optional(),
  deliveryRegions: supplierFields.deliveryRegions
    .optional()
    .meta({ description: 'Replaces the regions as a whole' }),
  orderCutoff: supplierFields.orderCutoff.nullable().optional().meta({ description: 'null clears it' }),
});
export type SupplierPatch = z.output<typeof ZSupplierPatch>;
