import { Prisma } from '@iris/db';
import type { ExtractedInvoice, ExtractedLine } from '../model.ts';

/** A numeric column's precision and scale (Decimal(p, s) in the schema). */
interface DecimalColumn {
  precision: number;
  scale: number;
}

const MONEY: DecimalColumn = { precision: 12, scale: 2 };
const QUANTITY: DecimalColumn = { precision: 12, scale: 3 };
const UNIT_PRICE: DecimalColumn = { precision: 12, scale: 3 };
const VAT_RATE: DecimalColumn = { precision: 5, scale: 2 };

export const NUMBER_OUT_OF_RANGE = 'NUMBER_OUT_OF_RANGE';

/**
 * The decimal as the column stores it, or `out_of_range` when it has more integer digits or decimals than
 * the column holds (never rounded: a 4-decimal unit price is not what was printed once cut to 3).
 */
export function fitDecimal(
  text: string | null,
  column: DecimalColumn,
): Prisma.Decimal | null | 'out_of_range' {
  if (text === null) return null;
  const value = new Prisma.Decimal(text);
  if (!value.isFinite()) return 'out_of_range';
  const integerDigits = value.abs().truncated().toFixed(0).replace(/^0$/, '').length;
  if (value.decimalPlaces() > column.scale || integerDigits > column.precision - column.scale) {
    return 'out_of_range';
  }
  return value;
}

/** PostgreSQL text cannot hold U+0000 (OCR and odd PDFs can produce it). */
export function storableText(text: string | null): string | null {
  return text === null ? null : text.replaceAll('\u0000', '');
}

/**
 * yyyy-MM-dd as the Date Prisma writes to a `date` column (midnight UTC); null when it is not a calendar
 * date (2026-02-30 would silently become March 2nd, 2026-13-45 an Invalid Date Prisma refuses).
 */
export function dateColumn(isoDate: string | null): Date | null {
  if (isoDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return null;
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate ? date : null;
}

export interface LineColumns {
  position: number;
  articleNumber: string | null;
  gtin: string | null;
  description: string;
  quantity: Prisma.Decimal | null;
  unit: string | null;
  unitPrice: Prisma.Decimal | null;
  vatRate: Prisma.Decimal | null;
  lineTotal: Prisma.Decimal | null;
  flags: string[];
}

export interface InvoiceColumns {
  documentType: ExtractedInvoice['documentType'];
  supplierName: string | null;
  supplierOrgNumber: string | null;
  supplierVatNumber: string | null;
  invoiceNumber: string | null;
  invoiceDate: Date | null;
  dueDate: Date | null;
  deliveryDate: Date | null;
  orderReference: string | null;
  customerNumber: string | null;
  creditedInvoiceNumber: string | null;
  currency: string;
  netTotal: Prisma.Decimal | null;
  vatTotal: Prisma.Decimal | null;
  roundingAmount: Prisma.Decimal | null;
  amountDue: Prisma.Decimal | null;
  vatBreakdown: Prisma.InputJsonArray;
  bankgiro: string | null;
  plusgiro: string | null;
  ocrReference: string | null;
  flags: string[];
}

function toLineColumns(line: ExtractedLine): LineColumns {
  const flags: string[] = [...line.flags];
  const fit = (text: string | null, column: DecimalColumn): Prisma.Decimal | null => {
    const value = fitDecimal(text, column);
    if (value !== 'out_of_range') return value;
    if (!flags.includes(NUMBER_OUT_OF_RANGE)) flags.push(NUMBER_OUT_OF_RANGE);
    return null;
  };
  return {
    position: line.position,
    articleNumber: storableText(line.articleNumber),
    gtin: storableText(line.gtin),
    description: storableText(line.description) ?? '',
    quantity: fit(line.quantity, QUANTITY),
    unit: storableText(line.unit),
    unitPrice: fit(line.unitPrice, UNIT_PRICE),
    vatRate: fit(line.vatRate, VAT_RATE),
    lineTotal: fit(line.lineTotal, MONEY),
    flags,
  };
}

/**
 * An extracted invoice as the invoice and invoice_line columns hold it. Numbers that don't fit their column
 * become null with NUMBER_OUT_OF_RANGE (on the line, or on the document for totals), and a line flagged
 * here marks the document LINES_FLAGGED as the checks would have.
 */
export function toInvoiceColumns(invoice: ExtractedInvoice): {
  invoice: InvoiceColumns;
  lines: LineColumns[];
} {
  const flags: string[] = [...invoice.flags];
  const addFlag = (flag: string) => {
    if (!flags.includes(flag)) flags.push(flag);
  };
  const money = (text: string | null): Prisma.Decimal | null => {
    const value = fitDecimal(text, MONEY);
    if (value !== 'out_of_range') return value;
    addFlag(NUMBER_OUT_OF_RANGE);
    return null;
  };
  const lines = invoice.lines.map(toLineColumns);
  if (lines.some((line) => line.flags.length > 0)) addFlag('LINES_FLAGGED');
  return {
    invoice: {
      documentType: invoice.documentType,
      supplierName: storableText(invoice.supplierName),
      supplierOrgNumber: storableText(invoice.supplierOrgNumber),
      supplierVatNumber: storableText(invoice.supplierVatNumber),
      invoiceNumber: storableText(invoice.invoiceNumber),
      invoiceDate: dateColumn(invoice.invoiceDate),
      dueDate: dateColumn(invoice.dueDate),
      deliveryDate: dateColumn(invoice.deliveryDate),
      orderReference: storableText(invoice.orderReference),
      customerNumber: storableText(invoice.customerNumber),
      creditedInvoiceNumber: storableText(invoice.creditedInvoiceNumber),
      currency: invoice.currency.toUpperCase(),
      netTotal: money(invoice.netTotal),
      vatTotal: money(invoice.vatTotal),
      roundingAmount: money(invoice.roundingAmount),
      amountDue: money(invoice.amountDue),
      vatBreakdown: invoice.vatBreakdown.map((row) => ({ rate: row.rate, base: row.base, vat: row.vat })),
      bankgiro: storableText(invoice.bankgiro),
      plusgiro: storableText(invoice.plusgiro),
      ocrReference: storableText(invoice.ocrReference),
      flags,
    },
    lines,
  };
}
