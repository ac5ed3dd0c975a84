import { Dec, dec, roundToOre } from '@iris/core';

/**
 * The ground truth of a generated supplier invoice: exactly what the rendered document says, so an extractor's
 * output can be compared field by field. testkit cannot import @iris/invoicing (the dependency points the
 * other way), so the shape is defined here; it mirrors `ExtractedInvoice` where the two overlap.
 *
 * Every number is a decimal string in JavaScript notation ("1234.50", "-84.46"), as printed on the document:
 * amounts with 2 decimals, unit prices with 2 or 3, kg quantities with 3, other quantities whole. A credit
 * note prints negative quantities, line totals and totals (the unit price stays positive). Compare numbers
 * as decimals, not as strings, when the other side may print "2.5" for "2.500".
 */

export type InvoiceDocumentType = 'invoice' | 'credit_note';

/** Which supplier layout renders the truth (labels, column headers, colours): see templates.ts. */
export type InvoiceTemplateId = 'grossist-syd' | 'fjallfarsk' | 'kustens-fisk';

export interface PostalAddress {
  street: string;
  /** "212 25" */
  postalCode: string;
  city: string;
}

export interface SupplierTruth {
  name: string;
  /** NNNNNN-NNNN with a valid Luhn check digit. */
  orgNumber: string;
  /** SE + the 10 digits of the org number + 01. */
  vatNumber: string;
  address: PostalAddress;
  /** NNN-NNNN or NNNN-NNNN (Luhn-valid), or null when the supplier is paid by plusgiro only. */
  bankgiro: string | null;
  /** "12 34 56-7" (Luhn-valid), or null. */
  plusgiro: string | null;
}

export interface BuyerTruth {
  name: string;
  /** The restaurant's customer number with the supplier. */
  customerNumber: string;
  address: PostalAddress;
}

export interface InvoiceLineTruth {
  /** 1-based, in document order. */
  position: number;
  articleNumber: string;
  gtin: string | null;
  description: string;
  quantity: string;
  /** st, kg, l, krt, fp, pkt, dunk, säck */
  unit: string;
  unitPrice: string;
  /** Percent: "6", "12", "25". */
  vatRate: string;
  /** quantity × unit price, half-up to öre. */
  lineTotal: string;
}

export interface VatSubtotalTruth {
  rate: string;
  base: string;
  vat: string;
}

export interface InvoiceTruth {
  documentType: InvoiceDocumentType;
  template: InvoiceTemplateId;
  supplier: SupplierTruth;
  buyer: BuyerTruth;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  deliveryDate: string;
  /** The buyer's order reference as printed (IR-000123), or null. */
  orderReference: string | null;
  /** For a credit note: the invoice it credits. */
  creditedInvoiceNumber: string | null;
  currency: 'SEK';
  lines: InvoiceLineTruth[];
  /** One entry per VAT rate, highest rate first. */
  vatBreakdown: VatSubtotalTruth[];
  netTotal: string;
  vatTotal: string;
  /** Öresavrundning: amountDue − (netTotal + vatTotal), within ±0.50. */
  roundingAmount: string;
  /** Whole kronor. */
  amountDue: string;
  /** Digits only, Luhn-valid (some templates add a length digit before the check digit). */
  ocrReference: string;
}

// ─── Check digits ───────────────────────────────────────────────────────────────────────────────────────

/** The Luhn (modulus 10) check digit for `digits`, as used by org numbers, bankgiro, plusgiro and OCR. */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`luhn: not digits: ${digits}`);
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Doubling starts from the rightmost digit of the payload (the check digit will follow it).
    let value = Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

export function withLuhn(digits: string): string {
  return `${digits}${luhnCheckDigit(digits)}`;
}

/** NNNNNN-NNNN whose last digit is the Luhn check of the first nine. */
export function isValidOrgNumber(value: string): boolean {
  const match = /^(\d{6})-?(\d{4})$/.exec(value);
  return match !== null && isLuhnValid(`${match[1]}${match[2]}`);
}

/** NNN-NNNN or NNNN-NNNN, Luhn over all digits. */
export function isValidBankgiro(value: string): boolean {
  return /^\d{3,4}-\d{4}$/.test(value) && isLuhnValid(value.replace('-', ''));
}

/** Up to 8 digits grouped in pairs from the right, the check digit after a hyphen: "12 34 56-7". */
export function isValidPlusgiro(value: string): boolean {
  return /^\d{1,2}( \d{2}){0,3}-\d$/.test(value) && isLuhnValid(value.replace(/[ -]/g, ''));
}

/**
 * An OCR reference: 2–25 digits, Luhn over all of them; with `lengthDigit`, the second-to-last digit is the
 * total length modulo 10 (Bankgirot's "hård kontroll").
 */
export function isValidOcrReference(value: string, options: { lengthDigit?: boolean } = {}): boolean {
  if (!/^\d{2,25}$/.test(value) || !isLuhnValid(value)) return false;
  return !options.lengthDigit || Number(value.at(-2)) === value.length % 10;
}

export function makeOcrReference(base: string, options: { lengthDigit: boolean }): string {
  if (!options.lengthDigit) return withLuhn(base);
  return withLuhn(`${base}${(base.length + 2) % 10}`);
}

export function formatBankgiro(digits: string): string {
  return `${digits.slice(0, -4)}-${digits.slice(-4)}`;
}

export function formatPlusgiro(digits: string): string {
  const body = digits.slice(0, -1);
  const pairs: string[] = [];
  for (let end = body.length; end > 0; end -= 2) pairs.unshift(body.slice(Math.max(0, end - 2), end));
  return `${pairs.join(' ')}-${digits.slice(-1)}`;
}

// ─── Amounts ────────────────────────────────────────────────────────────────────────────────────────────

/** Whole numbers print without decimals, kg always with 3 (a weighed quantity: "2,300 kg"). */
export function formatQuantity(quantity: Dec, unit: string): string {
  if (unit === 'kg') return quantity.toFixed(3);
  return quantity.isInteger() ? quantity.toFixed(0) : quantity.toDecimalPlaces(3).toString();
}

/** Unit prices keep a third decimal only when they have one. */
export function formatUnitPrice(price: Dec): string {
  return price.toDecimalPlaces(2).equals(price) ? price.toFixed(2) : price.toDecimalPlaces(3).toFixed(3);
}

export interface LineInput {
  articleNumber: string;
  gtin: string | null;
  description: string;
  quantity: Dec;
  unit: string;
  unitPrice: Dec;
  vatRate: Dec;
}

export function lineTruth(position: number, input: LineInput): InvoiceLineTruth {
  return {
    position,
    articleNumber: input.articleNumber,
    gtin: input.gtin,
    description: input.description,
    quantity: formatQuantity(input.quantity, input.unit),
    unit: input.unit,
    unitPrice: formatUnitPrice(input.unitPrice),
    vatRate: input.vatRate.toString(),
    lineTotal: roundToOre(input.quantity.times(input.unitPrice)).toFixed(2),
  };
}

export type InvoiceTotals = Pick<
  InvoiceTruth,
  'vatBreakdown' | 'netTotal' | 'vatTotal' | 'roundingAmount' | 'amountDue'
>;

/**
 * The totals block from the lines: VAT per rate on the rate's base (half-up to öre), net + VAT rounded to
 * whole kronor (öresavrundning, half-up away from zero, so credit notes round symmetrically).
 */
export function computeTotals(lines: readonly InvoiceLineTruth[]): InvoiceTotals {
  const baseByRate = new Map<string, Dec>();
  let net = dec(0);
  for (const line of lines) {
    const total = dec(line.lineTotal);
    net = net.plus(total);
    baseByRate.set(line.vatRate, (baseByRate.get(line.vatRate) ?? dec(0)).plus(total));
  }
  const vatBreakdown = [...baseByRate.entries()]
    .sort(([a], [b]) => dec(b).comparedTo(dec(a)))
    .map(([rate, base]) => ({
      rate,
      base: base.toFixed(2),
      vat: roundToOre(base.times(rate).dividedBy(100)).toFixed(2),
    }));
  const vatTotal = vatBreakdown.reduce((sum, row) => sum.plus(row.vat), dec(0));
  const gross = net.plus(vatTotal);
  const amountDue = gross.toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  return {
    vatBreakdown,
    netTotal: net.toFixed(2),
    vatTotal: vatTotal.toFixed(2),
    roundingAmount: amountDue.minus(gross).toFixed(2),
    amountDue: amountDue.toFixed(2),
  };
}

// ─── Dates ──────────────────────────────────────────────────────────────────────────────────────────────

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
