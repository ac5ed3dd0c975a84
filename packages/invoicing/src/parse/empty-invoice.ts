import type { ExtractedInvoice } from '../model.ts';

/** An extraction with nothing read yet: every field null, SEK, no lines, no flags. */
export function emptyInvoice(): ExtractedInvoice {
  return {
    documentType: 'invoice',
    supplierName: null,
    supplierOrgNumber: null,
    supplierVatNumber: null,
    invoiceNumber: null,
    invoiceDate: null,
    dueDate: null,
    deliveryDate: null,
    orderReference: null,
    customerNumber: null,
    creditedInvoiceNumber: null,
    currency: 'SEK',
    lines: [],
    vatBreakdown: [],
    netTotal: null,
    vatTotal: null,
    roundingAmount: null,
    amountDue: null,
    bankgiro: null,
    plusgiro: null,
    ocrReference: null,
    flags: [],
  };
}
