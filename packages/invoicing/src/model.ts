import { z } from 'zod';

/**
 * What every extractor (UBL / Svefaktura XML, a PDF's text layer, OCR) produces, before checks and
 * reconciliation: the contract between extraction, checks, storage and reconciliation.
 *
 * Numbers are decimal strings in JavaScript notation ("1234.50", "-12.00"), never floats: the extractors
 * turn Swedish notation ("1 234,50", with a space or a non-breaking space as thousands separator) into this.
 * A field that could not be read is null, and the line or document carries a flag saying so.
 */

/** A decimal as a string: optional minus, digits, optional fraction. */
export const zDecimalText = z.string().regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'a decimal number such as 1234.50');
/** yyyy-MM-dd */
export const zIsoDate = z.iso.date();

/** Why a line is not trusted. Any flag keeps the line out of automatic matching (outcome `unreadable`). */
export const LINE_FLAGS = [
  /** quantity × unit price ≠ line total, to the öre. */
  'ARITHMETIC_MISMATCH',
  'MISSING_QUANTITY',
  'MISSING_UNIT_PRICE',
  'MISSING_LINE_TOTAL',
  /** A VAT rate that is not a Swedish rate (0, 6, 12, 25) or not in the document's VAT breakdown. */
  'VAT_RATE_INVALID',
  /** OCR read a numeric field with low confidence (below the extractor's threshold). */
  'LOW_CONFIDENCE',
  /** A number with more decimals or digits than Iris stores (e.g. a unit price with 4 decimals). */
  'NUMBER_OUT_OF_RANGE',
] as const;
export type LineFlag = (typeof LINE_FLAGS)[number];

/** Why the document as a whole is not trusted. */
export const DOCUMENT_FLAGS = [
  /** The sum of the line totals ≠ the net total. */
  'NET_TOTAL_MISMATCH',
  /** A rate's VAT ≠ its base × rate (to the öre, ±1 öre per rate), or the VAT total ≠ the sum of the rates. */
  'VAT_TOTAL_MISMATCH',
  /**
   * A rate's taxable amount in the VAT breakdown ≠ the sum of the line totals at that rate: a line rate
   * misread as another rate the breakdown prints, or a wrong taxable amount in XML. Checked only when a
   * breakdown is printed and every line is trusted (a flagged line already explains the difference).
   */
  'VAT_BASE_MISMATCH',
  /** net + VAT + öresavrundning ≠ amount due. */
  'AMOUNT_DUE_MISMATCH',
  /** Öresavrundning over ±0.99 kr, or not what rounding the sum to whole kronor gives. */
  'ROUNDING_INVALID',
  /** The OCR reference's Luhn check digit (or length digit) is wrong. */
  'OCR_REFERENCE_INVALID',
  /** The supplier's organisation number fails its Luhn check. */
  'ORG_NUMBER_INVALID',
  'BANKGIRO_INVALID',
  'PLUSGIRO_INVALID',
  'MISSING_INVOICE_NUMBER',
  'MISSING_INVOICE_DATE',
  'MISSING_AMOUNT_DUE',
  'NO_LINES',
  /** A total with more digits than Iris stores (it is kept empty). */
  'NUMBER_OUT_OF_RANGE',
  /** Some line carries a flag (see the lines). */
  'LINES_FLAGGED',
] as const;
export type DocumentFlag = (typeof DOCUMENT_FLAGS)[number];

export const zExtractedLine = z.object({
  /** 1-based, in document order. */
  position: z.number().int().min(1),
  /** The supplier's article number, as printed. */
  articleNumber: z.string().nullable(),
  gtin: z.string().nullable(),
  description: z.string(),
  quantity: zDecimalText.nullable(),
  /** The supplier's unit as printed (st, kg, krt, fp …), or a UN/ECE code from XML mapped to one. */
  unit: z.string().nullable(),
  unitPrice: zDecimalText.nullable(),
  /** Percent: "6", "12", "25". */
  vatRate: zDecimalText.nullable(),
  lineTotal: zDecimalText.nullable(),
  /** Filled by checkInvoice (and by OCR for LOW_CONFIDENCE). */
  flags: z.array(z.enum(LINE_FLAGS)),
});
export type ExtractedLine = z.infer<typeof zExtractedLine>;

export const zVatSubtotal = z.object({
  rate: zDecimalText,
  /** Taxable amount (beskattningsunderlag). */
  base: zDecimalText,
  vat: zDecimalText,
});
export type VatSubtotal = z.infer<typeof zVatSubtotal>;

export const zExtractedInvoice = z.object({
  documentType: z.enum(['invoice', 'credit_note']),
  supplierName: z.string().nullable(),
  /** NNNNNN-NNNN */
  supplierOrgNumber: z.string().nullable(),
  /** SE + 10 digits + 01 */
  supplierVatNumber: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  invoiceDate: zIsoDate.nullable(),
  dueDate: zIsoDate.nullable(),
  deliveryDate: zIsoDate.nullable(),
  /** The buyer's order reference as printed (Iris orders are IR-000123). */
  orderReference: z.string().nullable(),
  /** The restaurant's customer number with the supplier. */
  customerNumber: z.string().nullable(),
  /** For a credit note: the number of the invoice it credits. */
  creditedInvoiceNumber: z.string().nullable(),
  currency: z.string().length(3),
  lines: z.array(zExtractedLine),
  vatBreakdown: z.array(zVatSubtotal),
  netTotal: zDecimalText.nullable(),
  vatTotal: zDecimalText.nullable(),
  /** Öresavrundning (may be negative). */
  roundingAmount: zDecimalText.nullable(),
  amountDue: zDecimalText.nullable(),
  /** NNN-NNNN or NNNN-NNNN */
  bankgiro: z.string().nullable(),
  /** N…N-N */
  plusgiro: z.string().nullable(),
  ocrReference: z.string().nullable(),
  /** Filled by checkInvoice. */
  flags: z.array(z.enum(DOCUMENT_FLAGS)),
});
export type ExtractedInvoice = z.infer<typeof zExtractedInvoice>;

export const EXTRACTION_METHODS = ['peppol_ubl', 'svefaktura', 'pdf_text', 'ocr'] as const;
export type ExtractionMethod = (typeof EXTRACTION_METHODS)[number];

/** What an extractor returns: the invoice and how it was read. */
export interface Extraction {
  method: ExtractionMethod;
  invoice: ExtractedInvoice;
  /** Milliseconds spent reading (not counting the queue). */
  durationMs: number;
}

/** The media types accepted for upload, with the signature their content must start with. */
export const INVOICE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/xml'] as const;
export type InvoiceMediaType = (typeof INVOICE_MEDIA_TYPES)[number];
