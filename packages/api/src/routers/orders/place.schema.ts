import { z } from 'zod';
import { ZIsoDate, ZOrder } from './_schemas.ts';

export const ZOrderPlaceInput = z.object({
  restaurantId: z.uuid(),
  supplierId: z.uuid(),
  requestedDeliveryDate: ZIsoDate.optional().meta({
    description: "Default: the cart's requested date, else the next possible delivery date",
  }),
  deliveryAddressId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: "Default: the cart's address, else the restaurant's default address" }),
  note: z.string().max(1000).nullable().optional().meta({ description: "Default: the cart's note" }),
});
export type TOrderPlaceInput = z.infer<typeof ZOrderPlaceInput>;

export const ZOrderPlaceOutput = ZOrder;
export type TOrderPlaceOutput = z.infer<typeof ZOrderPlaceOutput>;

/** Documented as a request header of the checkout (trpc-to-openapi `requestHeaders`). */
export const ZIdempotencyHeaders = z.object({
  'Idempotency-Key': z.string().min(1).max(255).meta({
    description:
      'Required. A unique key per order attempt (e.g. a UUID), kept 24 h: a retry with the same key and body returns the same order; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED.',
    example: '0f8fad5b-d9cb-469f-a165-70867728950e',
  }),
});
