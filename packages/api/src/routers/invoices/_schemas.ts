import { z } from 'zod';
import { INVOICE_STATUSES, LINE_OUTCOMES, type InvoiceRecord, type InvoiceView } from '@iris/invoicing';
import type { Prisma } from '@iris/db';
import { toCreditRequestJson, ZCreditRequest } from '../credit-requests/_schemas.ts';
import { toPriceAlertJson, ZPriceAlert } from '../price-alerts/_schemas.ts';

/** Output shapes of the invoice procedures (and the upload route): decimals as strings, dates ISO. */

const decimal = (example: string, description?: string) =>
  z
    .string()
    .nullable()
    .meta({ example, ...(description ? { description } : {}) });

function fixed(value: Prisma.Decimal | null, places: number): string | null {
  return value === null ? null : value.toFixed(places);
}

function day(value: Date | null): string | null {
  return value === null ? null : value.toISOString().slice(0, 10);
}

export const ZInvoiceLine = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    articleNumber: z.string().nullable(),
    gtin: z.string().nullable(),
    description: z.string(),
    quantity: decimal('12.000'),
    unit: z.string().nullable(),
    unitPrice: decimal('42.230'),
    vatRate: decimal('6.00', 'Percent'),
    lineTotal: decimal('506.76'),
    flags: z
      .array(z.string())
      .meta({ description: 'Checks that failed (ARITHMETIC_MISMATCH, LOW_CONFIDENCE …)' }),
    outcome: z
      .enum(LINE_OUTCOMES)
      .nullable()
      .meta({ description: 'Null until reconciled (and on credit notes)' }),
    orderLineId: z.uuid().nullable(),
    productId: z.uuid().nullable(),
    expectedUnitPrice: decimal('42.230', 'The price the order was placed at'),
    expectedVatRate: decimal('6.00'),
    orderedQuantity: decimal('12.000'),
    receivedQuantity: decimal('12.000'),
    priceDeviationPct: decimal('1.018', '(invoiced − expected) / expected × 100'),
    quantityDeviationPct: decimal('0.000'),
    accepted: z.boolean(),
    acceptedAt: z.iso.datetime().nullable(),
    acceptNote: z.string().nullable(),
  })
  .meta({ id: 'InvoiceLine' });

const invoiceFields = {
  id: z.uuid(),
  restaurantId: z.uuid(),
  supplierId: z.uuid().nullable(),
  supplier: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  order: z
    .object({
      id: z.uuid(),
      number: z.string().meta({ example: 'IR-000123' }),
      status: z.string(),
      requestedDeliveryDate: z.iso.date(),
      total: z.string(),
    })
    .nullable(),
  status: z.enum(INVOICE_STATUSES),
  documentType: z.enum(['invoice', 'credit_note']),
  source: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  contentHash: z.string(),
  extractionMethod: z.enum(['peppol_ubl', 'svefaktura', 'pdf_text', 'ocr']).nullable(),
  extractionError: z.string().nullable(),
  extractedAt: z.iso.datetime().nullable(),
  supplierName: z.string().nullable(),
  supplierOrgNumber: z.string().nullable(),
  supplierVatNumber: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  invoiceDate: z.iso.date().nullable(),
  dueDate: z.iso.date().nullable(),
  deliveryDate: z.iso.date().nullable(),
  orderReference: z.string().nullable(),
  customerNumber: z.string().nullable(),
  creditedInvoiceNumber: z.string().nullable(),
  currency: z.string(),
  netTotal: decimal('12345.00'),
  vatTotal: decimal('740.70'),
  roundingAmount: decimal('0.30'),
  amountDue: decimal('13086.00'),
  vatBreakdown: z.array(z.object({ rate: z.string(), base: z.string(), vat: z.string() })),
  bankgiro: z.string().nullable(),
  plusgiro: z.string().nullable(),
  ocrReference: z.string().nullable(),
  flags: z.array(z.string()),
  reviewReasons: z.array(z.string()),
  reconciledAt: z.iso.datetime().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const ZInvoiceSummary = z.object(invoiceFields).meta({ id: 'InvoiceSummary' });
export type TInvoiceSummary = z.infer<typeof ZInvoiceSummary>;

export const ZInvoice = z
  .object({
    ...invoiceFields,
    lines: z.array(ZInvoiceLine),
    creditRequests: z.array(ZCreditRequest),
    priceAlerts: z.array(ZPriceAlert),
  })
  .meta({ id: 'Invoice' });
export type TInvoice = z.infer<typeof ZInvoice>;

const ZBreakdown = z.array(z.object({ rate: z.string(), base: z.string(), vat: z.string() }));

export function toInvoiceSummaryJson(invoice: InvoiceRecord): TInvoiceSummary {
  const breakdown = ZBreakdown.safeParse(invoice.vatBreakdown);
  return {
    id: invoice.id,
    restaurantId: invoice.restaurantId,
    supplierId: invoice.supplierId,
    supplier: invoice.supplier,
    order: invoice.order
      ? {
          id: invoice.order.id,
          number: `IR-${String(invoice.order.number).padStart(6, '0')}`,
          status: invoice.order.status,
          requestedDeliveryDate: day(invoice.order.requestedDeliveryDate)!,
          total: invoice.order.total.toFixed(2),
        }
      : null,
    status: invoice.status,
    documentType: invoice.documentType,
    source: invoice.source,
    fileName: invoice.fileName,
    mediaType: invoice.mediaType,
    sizeBytes: invoice.sizeBytes,
    contentHash: invoice.contentHash,
    extractionMethod: invoice.extractionMethod,
    extractionError: invoice.extractionError,
    extractedAt: invoice.extractedAt?.toISOString() ?? null,
    supplierName: invoice.supplierName,
    supplierOrgNumber: invoice.supplierOrgNumber,
    supplierVatNumber: invoice.supplierVatNumber,
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: day(invoice.invoiceDate),
    dueDate: day(invoice.dueDate),
    deliveryDate: day(invoice.deliveryDate),
    orderReference: invoice.orderReference,
    customerNumber: invoice.customerNumber,
    creditedInvoiceNumber: invoice.creditedInvoiceNumber,
    currency: invoice.currency,
    netTotal: fixed(invoice.netTotal, 2),
    vatTotal: fixed(invoice.vatTotal, 2),
    roundingAmount: fixed(invoice.roundingAmount, 2),
    amountDue: fixed(invoice.amountDue, 2),
    vatBreakdown: breakdown.success ? breakdown.data : [],
    bankgiro: invoice.bankgiro,
    plusgiro: invoice.plusgiro,
    ocrReference: invoice.ocrReference,
    flags: invoice.flags,
    reviewReasons: invoice.reviewReasons,
    reconciledAt: invoice.reconciledAt?.toISOString() ?? null,
    decidedAt: invoice.decidedAt?.toISOString() ?? null,
    decisionNote: invoice.decisionNote,
    version: invoice.version,
    createdAt: invoice.createdAt.toISOString(),
    updatedAt: invoice.updatedAt.toISOString(),
  };
}

/** The JSON of GET /invoices/{invoiceId} (also what the upload route answers with). */
export function toInvoiceJson(invoice: InvoiceView): TInvoice {
  return {
    ...toInvoiceSummaryJson(invoice),
    lines: invoice.lines.map((line) => ({
      id: line.id,
      position: line.position,
      articleNumber: line.articleNumber,
      gtin: line.gtin,
      description: line.description,
      quantity: fixed(line.quantity, 3),
      unit: line.unit,
      unitPrice: fixed(line.unitPrice, 3),
      vatRate: fixed(line.vatRate, 2),
      lineTotal: fixed(line.lineTotal, 2),
      flags: line.flags,
      outcome: line.outcome,
      orderLineId: line.orderLineId,
      productId: line.productId,
      expectedUnitPrice: fixed(line.expectedUnitPrice, 3),
      expectedVatRate: fixed(line.expectedVatRate, 2),
      orderedQuantity: fixed(line.orderedQuantity, 3),
      receivedQuantity: fixed(line.receivedQuantity, 3),
      priceDeviationPct: fixed(line.priceDeviationPct, 3),
      quantityDeviationPct: fixed(line.quantityDeviationPct, 3),
      accepted: line.acceptedAt !== null,
      acceptedAt: line.acceptedAt?.toISOString() ?? null,
      acceptNote: line.acceptNote,
    })),
    creditRequests: invoice.creditRequests.map(toCreditRequestJson),
    priceAlerts: invoice.priceAlerts.map(toPriceAlertJson),
  };
}
