import { z } from 'zod';
import { zIsoDate } from '../model.ts';
import { INVOICE_STATUSES } from './transitions.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
/** What the columns hold: amounts 2 decimals, quantities and unit prices 3, VAT rates as percent. */
const zAmount = z.string().regex(/^-?\d{1,10}(\.\d{1,2})?$/, 'an amount such as 1234.50');
const zQuantity = z.string().regex(/^-?\d{1,9}(\.\d{1,3})?$/, 'a number with at most 3 decimals');
const zRate = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'a percentage such as 6');

/** Header fields a reviewer may correct; null clears a field. */
export const ZInvoiceFieldCorrections = z
  .object({
    supplierName: text(200).nullable(),
    supplierOrgNumber: z
      .string()
      .regex(/^\d{6}-?\d{4}$/, 'NNNNNN-NNNN')
      .nullable(),
    supplierVatNumber: text(20).nullable(),
    invoiceNumber: text(64).nullable(),
    invoiceDate: zIsoDate.nullable(),
    dueDate: zIsoDate.nullable(),
    deliveryDate: zIsoDate.nullable(),
    orderReference: text(64).nullable(),
    customerNumber: text(64).nullable(),
    creditedInvoiceNumber: text(64).nullable(),
    netTotal: zAmount.nullable(),
    vatTotal: zAmount.nullable(),
    roundingAmount: zAmount.nullable(),
    amountDue: zAmount.nullable(),
    bankgiro: text(20).nullable(),
    plusgiro: text(20).nullable(),
    ocrReference: text(30).nullable(),
  })
  .partial()
  .strict();
export type InvoiceFieldCorrections = z.infer<typeof ZInvoiceFieldCorrections>;

/** A line to correct (by position), or a line the reading missed (a new position, with a description). */
export const ZInvoiceLineCorrection = z
  .object({
    position: z.number().int().min(1).max(10_000),
    articleNumber: text(64).nullable().optional(),
    gtin: z
      .string()
      .regex(/^\d{8,14}$/, '8–14 digits')
      .nullable()
      .optional(),
    description: text(500).optional(),
    quantity: zQuantity.nullable().optional(),
    unit: text(20).nullable().optional(),
    unitPrice: zQuantity.nullable().optional(),
    vatRate: zRate.nullable().optional(),
    lineTotal: zAmount.nullable().optional(),
  })
  .strict();
export type InvoiceLineCorrection = z.infer<typeof ZInvoiceLineCorrection>;

export const ZInvoiceCorrection = z
  .object({
    version: z.number().int().min(1),
    fields: ZInvoiceFieldCorrections.optional(),
    lines: z
      .array(ZInvoiceLineCorrection)
      .max(1000)
      .refine(
        (lines) => new Set(lines.map((line) => line.position)).size === lines.length,
        'each position once',
      )
      .optional(),
  })
  .strict();
export type InvoiceCorrection = z.infer<typeof ZInvoiceCorrection>;

export const ZAcceptDeviation = z.object({ note: z.string().trim().min(1).max(1000) });
export type AcceptDeviation = z.infer<typeof ZAcceptDeviation>;

export const ZApproveInvoice = z.object({
  version: z.number().int().min(1),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type ApproveInvoice = z.infer<typeof ZApproveInvoice>;

export const ZDisputeInvoice = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(2000),
  /** Each line once: a repeated id would count its amount twice. */
  lineIds: z
    .array(z.uuid())
    .min(1)
    .max(1000)
    .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'each line once')
    .optional(),
  /** Overrides the computed amount (excl. VAT, 2 decimals). */
  amount: z
    .string()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, 'a positive amount such as 125.50')
    .optional(),
});
export type DisputeInvoice = z.infer<typeof ZDisputeInvoice>;

export const ZInvoiceListFilter = z.object({
  status: z.array(z.enum(INVOICE_STATUSES)).optional(),
  supplierId: z.uuid().optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
});
export type InvoiceListFilter = z.infer<typeof ZInvoiceListFilter>;
