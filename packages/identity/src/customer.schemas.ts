import { z } from 'zod';
import type { CustomerStatus } from '@iris/db';

export const CUSTOMER_STATUSES = [
  'requested',
  'active',
  'blocked',
] as const satisfies readonly CustomerStatus[];

/**
 * The customer terms a supplier sets, validated the same way wherever they come from (the API's input
 * schemas reuse these; the service parses again so no caller can skip them).
 */

/** The restaurant's customer number in the supplier's own systems: unique per supplier. */
export const ZCustomerNumber = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-zÅÄÖåäö._/-]+$/, 'Letters, digits and . _ / - only')
  .meta({ description: "The restaurant's customer number in the supplier's systems (unique per supplier)" });

export const ZPaymentTermsDays = z
  .number()
  .int()
  .min(0)
  .max(365)
  .meta({ description: 'Days until an invoice is due (0–365)' });

/** ISO weekdays, 1 = Monday … 7 = Sunday; stored without duplicates, in order. */
export const ZDeliveryDays = z
  .array(z.number().int().min(1).max(7))
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'Each weekday at most once')
  .transform((days) => [...days].sort((a, b) => a - b))
  .meta({ description: 'ISO weekdays the supplier delivers on (1 = Monday … 7 = Sunday), each once' });

/** Decimal(12,2): up to 10 integer digits and 2 decimals, never negative. */
export const ZAmountString = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'A decimal amount ≥ 0 with at most 2 decimals, e.g. "1500.00"')
  .meta({ description: 'Decimal string, at most 2 decimals', example: '1500.00' });

/** Money on the wire: an amount as a decimal string with its currency (customer terms are in SEK). */
export const ZSekAmount = z.object({ amount: ZAmountString, currency: z.literal('SEK') });

/** One of the supplier's customer price lists (catalog.priceLists); null: the base list only. */
export const ZPriceListId = z
  .uuid()
  .meta({ description: "One of the supplier's customer price lists (catalog.priceLists.create)" });

export const ZCustomerTerms = z.object({
  customerNumber: ZCustomerNumber.nullable().optional(),
  paymentTermsDays: ZPaymentTermsDays.optional(),
  priceListId: ZPriceListId.nullable().optional(),
  deliveryDays: ZDeliveryDays.optional(),
  minimumOrderValue: ZSekAmount.optional(),
});
export type CustomerTermsInput = z.input<typeof ZCustomerTerms>;
export type CustomerTerms = z.output<typeof ZCustomerTerms>;

export const ZBlockReason = z.string().trim().min(1).max(500);
export const ZRequestMessage = z.string().trim().max(1000);
