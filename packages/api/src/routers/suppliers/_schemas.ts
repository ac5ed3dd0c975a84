import { z } from 'zod';
import type { Supplier, SupplierProfile } from '@iris/identity';

export const ZDeliveryRegionOutput = z
  .object({
    name: z.string(),
    postalCodePrefixes: z.array(z.string()).meta({ example: ['111', '112'] }),
  })
  .meta({ id: 'DeliveryRegion' });

export const ZOrderCutoffOutput = z
  .object({
    cutoffTime: z.string().meta({ description: 'HH:MM, Europe/Stockholm', example: '14:00' }),
    leadDays: z.number().int().meta({ description: 'Days between cut-off and delivery (0–14)' }),
    weekdayCutoffs: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'ISO weekday ("1" = Monday … "7" = Sunday) → HH:MM, overriding cutoffTime' }),
  })
  .meta({ id: 'OrderCutoff' });

const profileFields = {
  id: z.uuid(),
  name: z.string(),
  deliveryRegions: z.array(ZDeliveryRegionOutput),
  orderCutoff: ZOrderCutoffOutput.nullable().meta({ description: 'null until the supplier sets one' }),
};

/** What every signed-in caller may read about a supplier (the directory). */
export const ZSupplierProfile = z.object(profileFields).meta({ id: 'SupplierProfile' });
export type TSupplierProfile = z.infer<typeof ZSupplierProfile>;

/** The profile, with what only the supplier's members, its API keys and admins see (null for others). */
export const ZSupplier = z
  .object({
    ...profileFields,
    organisationNumber: z
      .string()
      .nullable()
      .meta({ description: 'Members, admins and the supplier’s API keys only; null for others' }),
    membersCount: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Members, admins and the supplier’s API keys only; null for others' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Supplier' });
export type TSupplier = z.infer<typeof ZSupplier>;

export const ZSupplierIdParam = z.uuid().meta({ description: 'The supplier (organization) id' });

export function toSupplierProfileJson(profile: SupplierProfile): TSupplierProfile {
  return {
    id: profile.id,
    name: profile.name,
    deliveryRegions: profile.deliveryRegions,
    orderCutoff: profile.orderCutoff,
  };
}

export function toSupplierJson(supplier: Supplier): TSupplier {
  return {
    ...toSupplierProfileJson(supplier),
    organisationNumber: supplier.organisationNumber,
    membersCount: supplier.membersCount,
    createdAt: supplier.createdAt.toISOString(),
    updatedAt: supplier.updatedAt.toISOString(),
  };
}
