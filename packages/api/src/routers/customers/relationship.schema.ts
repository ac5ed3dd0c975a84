import { z } from 'zod';
import { CUSTOMER_STATUSES, type CustomerRelationshipRecord } from '@iris/identity';
import { formatAmount } from '@iris/core';
import { ZPage } from '../../list-query.ts';

export const ZCustomerRelationship = z
  .object({
    id: z.uuid(),
    status: z.enum(CUSTOMER_STATUSES),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    restaurant: z.object({ id: z.uuid(), name: z.string(), organisationNumber: z.string() }),
    customerNumber: z
      .string()
      .nullable()
      .meta({ description: "The restaurant's customer number in the supplier's systems" }),
    paymentTermsDays: z.number().int(),
    priceListId: z
      .uuid()
      .nullable()
      .meta({ description: 'Opaque until price lists exist (they arrive with the catalogue)' }),
    deliveryDays: z
      .array(z.number().int().min(1).max(7))
      .meta({ description: 'ISO weekdays (1 = Monday … 7 = Sunday), sorted' }),
    minimumOrderValue: z
      .object({ amount: z.string().meta({ example: '1500.00' }), currency: z.literal('SEK') })
      .meta({ description: 'Minimum order value, a decimal string with two decimals' }),
    requestMessage: z.string().nullable(),
    blockedReason: z.string().nullable(),
    requestedById: z.uuid().nullable().meta({ description: 'The user who asked (null when an API key did)' }),
    decidedAt: z.iso.datetime().nullable().meta({ description: 'When it was last approved or blocked' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CustomerRelationship' });
export type TCustomerRelationship = z.infer<typeof ZCustomerRelationship>;

export const ZCustomerRelationshipPage = ZPage(ZCustomerRelationship).meta({
  id: 'CustomerRelationshipPage',
});

/** The relationship as plain JSON: dates as ISO strings, money as a decimal string with its currency. */
export function toCustomerRelationshipJson(record: CustomerRelationshipRecord): TCustomerRelationship {
  return {
    id: record.id,
    status: record.status,
    supplier: { id: record.supplierId, name: record.supplierName },
    restaurant: {
      id: record.restaurantId,
      name: record.restaurantName,
      organisationNumber: record.restaurantOrganisationNumber,
    },
    customerNumber: record.customerNumber,
    paymentTermsDays: record.paymentTermsDays,
    priceListId: record.priceListId,
    deliveryDays: record.deliveryDays,
    minimumOrderValue: { amount: formatAmount(record.minimumOrderValue.toString()), currency: 'SEK' },
    requestMessage: record.requestMessage,
    blockedReason: record.blockedReason,
    requestedById: record.requestedById,
    decidedAt: record.decidedAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** Relationship lists are newest first; the cursor is the (createdAt, id) of the last item. */
export function relationshipCursor(record: CustomerRelationshipRecord): string[] {
  return [record.createdAt.toISOString(), record.id];
}
