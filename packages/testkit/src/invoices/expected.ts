import type { InvoiceLineTruth, InvoiceTruth, VatSubtotalTruth } from './truth.ts';

/**
 * What an extractor should return for a generated document, in the shape of @iris/invoicing's
 * `ExtractedInvoice` (without flags): the truth under the extraction convention that credit notes carry
 * positive quantities and amounts (the printed kreditfaktura and Svefaktura 381 show them negative, a UBL
 * CreditNote positive). Numbers keep the truth's decimals; compare them as decimals where a source may
 * print fewer ("2.3" for "2.300").
 */
export interface ExpectedExtractedLine {
  position: number;
  articleNumber: string;
  gtin: string | null;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  vatRate: string;
  lineTotal: string;
}

export interface ExpectedExtraction {
  documentType: InvoiceTruth['documentType'];
  supplierName: string;
  supplierOrgNumber: string;
  supplierVatNumber: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  deliveryDate: string;
  orderReference: string | null;
  customerNumber: string;
  creditedInvoiceNumber: string | null;
  currency: 'SEK';
  lines: ExpectedExtractedLine[];
  vatBreakdown: VatSubtotalTruth[];
  netTotal: string;
  vatTotal: string;
  roundingAmount: string;
  amountDue: string;
  bankgiro: string | null;
  plusgiro: string | null;
  ocrReference: string;
}

/** Flips the sign of a decimal string without touching its digits ("-2.300" ↔ "2.300"; zero stays). */
export function negateDecimalText(value: string): string {
  if (value.startsWith('-')) return value.slice(1);
  return /^0(\.0+)?$/.test(value) ? value : `-${value}`;
}

export function expectedExtraction(truth: InvoiceTruth): ExpectedExtraction {
  const flip = truth.documentType === 'credit_note' && truth.amountDue.startsWith('-');
  const amount = (value: string): string => (flip ? negateDecimalText(value) : value);
  const line = (l: InvoiceLineTruth): ExpectedExtractedLine => ({
    ...l,
    quantity: amount(l.quantity),
    lineTotal: amount(l.lineTotal),
  });
  return {
    documentType: truth.documentType,
    supplierName: truth.supplier.name,
    supplierOrgNumber: truth.supplier.orgNumber,
    supplierVatNumber: truth.supplier.vatNumber,
    invoiceNumber: truth.invoiceNumber,
    invoiceDate: truth.invoiceDate,
    dueDate: truth.dueDate,
    deliveryDate: truth.deliveryDate,
    orderReference: truth.orderReference,
    customerNumber: truth.buyer.customerNumber,
    creditedInvoiceNumber: truth.creditedInvoiceNumber,
    currency: truth.currency,
    lines: truth.lines.map(line),
    vatBreakdown: truth.vatBreakdown.map((row) => ({
      rate: row.rate,
      base: amount(row.base),
      vat: amount(row.vat),
    })),
    netTotal: amount(truth.netTotal),
    vatTotal: amount(truth.vatTotal),
    roundingAmount: amount(truth.roundingAmount),
    amountDue: amount(truth.amountDue),
    bankgiro: truth.supplier.bankgiro,
    plusgiro: truth.supplier.plusgiro,
    ocrReference: truth.ocrReference,
  };
}
