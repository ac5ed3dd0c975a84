import { Dec, dec } from '@iris/core';
import {
  DOCUMENT_FLAGS,
  LINE_FLAGS,
  type DocumentFlag,
  type ExtractedInvoice,
  type ExtractedLine,
  type LineFlag,
} from './model.ts';
import {
  isValidBankgiro,
  isValidOcrReference,
  isValidOrgNumber,
  isValidPlusgiro,
} from './parse/identifiers.ts';
import { fractionDigits, integerDigits } from './parse/swedish-number.ts';

/**
 * The arithmetic and identifier checks every extraction goes through, whatever read it (XML, PDF text,
 * OCR). Pure and idempotent: flags are recomputed from the values each time, except LOW_CONFIDENCE, which
 * only the extractor can know and is therefore kept.
 */

/** The VAT rates Sweden uses (percent). */
export const SWEDISH_VAT_RATES = ['0', '6', '12', '25'] as const;

/** Iris stores at most this many digits before the decimal point. */
const MAX_INTEGER_DIGITS = 10;
/** A printed rate's VAT may differ from base × rate by rounding, at most one öre. */
const VAT_TOLERANCE = dec('0.01');

function roundOre(value: Dec): Dec {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

function sameRate(a: string, b: string): boolean {
  return dec(a).equals(dec(b));
}

function outOfRange(value: string | null, maxFractionDigits: number): boolean {
  return (
    value !== null && (fractionDigits(value) > maxFractionDigits || integerDigits(value) > MAX_INTEGER_DIGITS)
  );
}

function sortLineFlags(flags: Set<LineFlag>): LineFlag[] {
  return LINE_FLAGS.filter((flag) => flags.has(flag));
}

function sortDocumentFlags(flags: Set<DocumentFlag>): DocumentFlag[] {
  return DOCUMENT_FLAGS.filter((flag) => flags.has(flag));
}

/** qty × unit price rounded half-up to öre, or null when either is missing. */
export function expectedLineTotal(line: Pick<ExtractedLine, 'quantity' | 'unitPrice'>): Dec | null {
  if (line.quantity === null || line.unitPrice === null) return null;
  return roundOre(dec(line.quantity).times(dec(line.unitPrice)));
}

/** Flags for one line; `documentRates` are the rates of the document's VAT breakdown (empty: not printed). */
export function checkLine(line: ExtractedLine, documentRates: readonly string[]): ExtractedLine {
  const flags = new Set<LineFlag>(line.flags.filter((flag) => flag === 'LOW_CONFIDENCE'));
  if (line.quantity === null) flags.add('MISSING_QUANTITY');
  if (line.unitPrice === null) flags.add('MISSING_UNIT_PRICE');
  if (line.lineTotal === null) flags.add('MISSING_LINE_TOTAL');

  const expected = expectedLineTotal(line);
  if (expected !== null && line.lineTotal !== null && !expected.equals(dec(line.lineTotal))) {
    flags.add('ARITHMETIC_MISMATCH');
  }

  const rate = line.vatRate;
  const knownRate = rate !== null && SWEDISH_VAT_RATES.some((swedish) => sameRate(swedish, rate));
  const inBreakdown =
    rate !== null && (documentRates.length === 0 || documentRates.some((r) => sameRate(r, rate)));
  if (!knownRate || !inBreakdown) flags.add('VAT_RATE_INVALID');

  if (outOfRange(line.quantity, 3) || outOfRange(line.unitPrice, 3) || outOfRange(line.lineTotal, 2)) {
    flags.add('NUMBER_OUT_OF_RANGE');
  }
  return { ...line, flags: sortLineFlags(flags) };
}

export function lineIsTrusted(line: Pick<ExtractedLine, 'flags'>): boolean {
  return line.flags.length === 0;
}

export function invoiceIsTrusted(invoice: Pick<ExtractedInvoice, 'flags' | 'lines'>): boolean {
  return invoice.flags.length === 0 && invoice.lines.every(lineIsTrusted);
}

function sum(values: readonly Dec[]): Dec {
  return values.reduce((total, value) => total.plus(value), dec(0));
}

/** The VAT total the document states, else the sum of its breakdown, else null (no VAT information). */
function effectiveVatTotal(invoice: ExtractedInvoice): Dec | null {
  if (invoice.vatTotal !== null) return dec(invoice.vatTotal);
  if (invoice.vatBreakdown.length > 0) return sum(invoice.vatBreakdown.map((entry) => dec(entry.vat)));
  return null;
}

function vatIsConsistent(invoice: ExtractedInvoice): boolean {
  if (invoice.vatTotal === null && invoice.vatBreakdown.length === 0) return false;
  for (const entry of invoice.vatBreakdown) {
    const computed = dec(entry.base).times(dec(entry.rate)).dividedBy(100);
    if (computed.minus(dec(entry.vat)).abs().greaterThan(VAT_TOLERANCE)) return false;
  }
  if (invoice.vatTotal !== null && invoice.vatBreakdown.length > 0) {
    const ofRates = sum(invoice.vatBreakdown.map((entry) => dec(entry.vat)));
    if (!ofRates.equals(dec(invoice.vatTotal))) return false;
  }
  return true;
}

/**
 * Whether each rate's taxable amount in the breakdown is the sum of the line totals at that rate (rates
 * compare by value: "6" = "6.00"). It catches what the other checks cannot: a trusted line whose rate was
 * misread as another rate the breakdown prints, or a wrong taxable amount in XML. Checked only when a
 * breakdown is printed and every line is trusted: a flagged line already says which of its numbers is
 * wrong, and the document is untrusted anyway (LINES_FLAGGED).
 */
function vatBasesMatchLines(breakdown: ExtractedInvoice['vatBreakdown'], lines: ExtractedLine[]): boolean {
  if (breakdown.length === 0 || lines.length === 0 || !lines.every(lineIsTrusted)) return true;
  const byRate = new Map<string, { base: Dec; lines: Dec }>();
  const entryFor = (rate: string): { base: Dec; lines: Dec } => {
    const key = dec(rate).toString();
    const entry = byRate.get(key) ?? { base: dec(0), lines: dec(0) };
    byRate.set(key, entry);
    return entry;
  };
  for (const line of lines) {
    // A trusted line has both (MISSING_LINE_TOTAL / VAT_RATE_INVALID otherwise); narrowing for the compiler.
    if (line.lineTotal === null || line.vatRate === null) return true;
    const entry = entryFor(line.vatRate);
    entry.lines = entry.lines.plus(dec(line.lineTotal));
  }
  for (const subtotal of breakdown) {
    const entry = entryFor(subtotal.rate);
    entry.base = entry.base.plus(dec(subtotal.base));
  }
  return [...byRate.values()].every((entry) => entry.base.equals(entry.lines));
}

/**
 * Öresavrundning: under one krona in size, and (when net and VAT are known) exactly what rounding their sum
 * half-up to whole kronor gives. A printed 0.00 means "not rounded" and is always fine; the amount due check
 * still ties the sum together.
 */
function roundingIsValid(invoice: ExtractedInvoice, net: Dec | null, vat: Dec | null): boolean {
  if (invoice.roundingAmount === null) return true;
  const rounding = dec(invoice.roundingAmount);
  if (rounding.abs().greaterThanOrEqualTo(1)) return false;
  if (rounding.isZero() || net === null || vat === null) return true;
  const gross = net.plus(vat);
  const toKronor = gross.toDecimalPlaces(0, Dec.ROUND_HALF_UP).minus(gross);
  return toKronor.equals(rounding);
}

/** Recomputes every line and document flag of an extraction (see LINE_FLAGS / DOCUMENT_FLAGS in model.ts). */
export function checkInvoice(invoice: ExtractedInvoice): ExtractedInvoice {
  const rates = invoice.vatBreakdown.map((entry) => entry.rate);
  const lines = invoice.lines.map((line) => checkLine(line, rates));
  const flags = new Set<DocumentFlag>();

  const net = invoice.netTotal === null ? null : dec(invoice.netTotal);
  if (lines.length > 0) {
    const totals = lines.map((line) => line.lineTotal);
    if (net === null) {
      // Without a net total nothing ties the lines to the amount due.
      flags.add('NET_TOTAL_MISMATCH');
    } else if (totals.every((total) => total !== null)) {
      if (!sum(totals.map((total) => dec(total))).equals(net)) flags.add('NET_TOTAL_MISMATCH');
    }
  }

  if (!vatIsConsistent(invoice)) flags.add('VAT_TOTAL_MISMATCH');
  if (!vatBasesMatchLines(invoice.vatBreakdown, lines)) flags.add('VAT_BASE_MISMATCH');
  const vat = effectiveVatTotal(invoice);

  if (invoice.amountDue === null) {
    flags.add('MISSING_AMOUNT_DUE');
  } else if (net !== null && vat !== null) {
    const rounding = invoice.roundingAmount === null ? dec(0) : dec(invoice.roundingAmount);
    if (!net.plus(vat).plus(rounding).equals(dec(invoice.amountDue))) flags.add('AMOUNT_DUE_MISMATCH');
  }
  if (!roundingIsValid(invoice, net, vat)) flags.add('ROUNDING_INVALID');

  if (invoice.ocrReference !== null && !isValidOcrReference(invoice.ocrReference))
    flags.add('OCR_REFERENCE_INVALID');
  if (invoice.supplierOrgNumber !== null && !isValidOrgNumber(invoice.supplierOrgNumber)) {
    flags.add('ORG_NUMBER_INVALID');
  }
  if (invoice.bankgiro !== null && !isValidBankgiro(invoice.bankgiro)) flags.add('BANKGIRO_INVALID');
  if (invoice.plusgiro !== null && !isValidPlusgiro(invoice.plusgiro)) flags.add('PLUSGIRO_INVALID');
  if (invoice.invoiceNumber === null || invoice.invoiceNumber.trim() === '')
    flags.add('MISSING_INVOICE_NUMBER');
  if (invoice.invoiceDate === null) flags.add('MISSING_INVOICE_DATE');
  if (lines.length === 0) flags.add('NO_LINES');
  if (lines.some((line) => !lineIsTrusted(line))) flags.add('LINES_FLAGGED');

  return { ...invoice, lines, flags: sortDocumentFlags(flags) };
}
