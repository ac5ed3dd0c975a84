import { checkInvoice } from '../checks.ts';
import type { ExtractedInvoice, ExtractedLine, VatSubtotal } from '../model.ts';
import { normaliseCreditNoteSigns } from './credit-note.ts';
import { emptyInvoice } from './empty-invoice.ts';
import { dec } from '@iris/core';
import { looksLikeHeaderlessRow, looksLikeRow } from './row-shape.ts';
import { parseTableRow, type ParsedRow } from './table-row.ts';
import {
  CREDIT_TITLE,
  HEADER_PATTERNS,
  TITLE,
  TOTAL_PATTERNS,
  matchHeaderField,
  readAmounts,
  readHeaderValue,
  type HeaderField,
} from './text-fields.ts';
import type { TextLine } from './text-lines.ts';
import { confirmedRates, inferUnreadableRates } from './vat-confirm.ts';
import { DEFAULT_LINE_RATES, isVatBreakdownLine, readVatBreakdownLine } from './vat-rates.ts';

/**
 * Reads a Swedish invoice from its lines of text (a PDF's text layer or OCR), following the layout in
 * packages/invoicing/README.md ("Reading invoices"): supplier and labelled header fields on top, then the
 * lines table, the totals block and the payment details. Values that are not there, or not readable, stay
 * null and are flagged; the result has been through `checkInvoice` and credit notes carry positive amounts.
 */

export interface ParseInvoiceTextOptions {
  /** OCR word confidence (0–100) below which a number makes its line LOW_CONFIDENCE. Default 75. */
  minConfidence?: number;
}

const DEFAULT_MIN_CONFIDENCE = 75;

const HEADER_FIELDS = Object.keys(HEADER_PATTERNS) as HeaderField[];

/** Column names of the lines table header; a line naming four or more of them is the header. */
const TABLE_COLUMNS: readonly RegExp[] = [
  /(?<![\p{L}])(?:artikelnr|art\.?\s?nr|artikelnummer)(?![\p{L}])/iu,
  /(?<![\p{L}])(?:benämning|beskrivning|artikel|produkt)(?![\p{L}])/iu,
  /(?<![\p{L}])(?:antal|kvantitet|kvant)(?![\p{L}])/iu,
  /(?<![\p{L}])enhet(?![\p{L}])/iu,
  /(?<![\p{L}])(?:[àáa]-?pris|pris\s*\/\s*enhet|pris)(?![\p{L}])/iu,
  /(?<![\p{L}])moms(?:\s*%)?(?![\p{L}])/iu,
  /(?<![\p{L}])(?:belopp|summa)(?![\p{L}])/iu,
];
const TABLE_HEADER_MIN_COLUMNS = 4;
/** Page furniture inside a multi-page table. */
const PAGE_MARKER =
  /^(?:Sida|Page)\s+\d+\s*(?:av|\/|of|\()\s*\d+\)?$|^(?:Forts\.?|Fortsättning)(?:\s.*)?$|^Transport\s/iu;

function isTableHeader(text: string): boolean {
  return TABLE_COLUMNS.filter((column) => column.test(text)).length >= TABLE_HEADER_MIN_COLUMNS;
}

function isTotalsLine(text: string): boolean {
  return Object.values(TOTAL_PATTERNS).some((pattern) => pattern.test(text));
}

function hasHeaderField(text: string): boolean {
  return HEADER_FIELDS.some((field) => HEADER_PATTERNS[field].test(text));
}

function isTitle(text: string): boolean {
  return /^\s*(?:KREDITFAKTURA|KREDITNOTA|FAKTURA)\s*$/iu.test(text);
}

const FIELD_TARGET: Record<HeaderField, keyof ExtractedInvoice> = {
  invoiceNumber: 'invoiceNumber',
  invoiceDate: 'invoiceDate',
  dueDate: 'dueDate',
  deliveryDate: 'deliveryDate',
  orderReference: 'orderReference',
  customerNumber: 'customerNumber',
  creditedInvoiceNumber: 'creditedInvoiceNumber',
  orgNumber: 'supplierOrgNumber',
  vatNumber: 'supplierVatNumber',
  bankgiro: 'bankgiro',
  plusgiro: 'plusgiro',
  ocrReference: 'ocrReference',
};

/** Header fields found on a line; the first occurrence in the document wins (footers repeat them). */
function readHeaderFields(text: string, invoice: ExtractedInvoice, seen: Set<HeaderField>): void {
  for (const field of HEADER_FIELDS) {
    if (seen.has(field)) continue;
    const raw = matchHeaderField(field, text);
    if (raw === null) continue;
    seen.add(field);
    const target = FIELD_TARGET[field];
    // Every target is a nullable string field of ExtractedInvoice.
    (invoice as unknown as Record<string, string | null>)[target] = readHeaderValue(field, raw);
  }
}

interface Totals {
  netTotal: string | null;
  vatTotal: string | null;
  roundingAmount: string | null;
  amountDue: string | null;
  vatBreakdown: VatSubtotal[];
  currency: string | null;
}

/** Reads one totals line into `totals`; returns false if the line is not one. */
function readTotalsLine(text: string, totals: Totals): boolean {
  if (isVatBreakdownLine(text)) {
    const entry = readVatBreakdownLine(text);
    if (entry !== null && !totals.vatBreakdown.some((known) => dec(known.rate).equals(dec(entry.rate)))) {
      totals.vatBreakdown.push(entry);
    }
    return true;
  }
  const single: [keyof Totals & ('netTotal' | 'vatTotal' | 'roundingAmount' | 'amountDue'), RegExp][] = [
    ['netTotal', TOTAL_PATTERNS.netTotal],
    ['vatTotal', TOTAL_PATTERNS.vatTotal],
    ['roundingAmount', TOTAL_PATTERNS.rounding],
    ['amountDue', TOTAL_PATTERNS.amountDue],
  ];
  for (const [field, pattern] of single) {
    const match = pattern.exec(text);
    if (!match) continue;
    const { amounts, currency } = readAmounts(match[1] ?? '');
    // Exactly one amount is expected; anything else is unreadable rather than guessed at.
    if (totals[field] === null) totals[field] = amounts.length === 1 ? (amounts[0] ?? null) : null;
    if (field === 'amountDue' && currency !== null) totals.currency = currency;
    return true;
  }
  return false;
}

type Section = 'top' | 'table' | 'pageBreak' | 'totals';

/** The rates of the VAT breakdown, read ahead so that rows can tell a mangled `6%` (`64`) from a number. */
function breakdownRates(lines: readonly TextLine[]): string[] {
  const rates = new Set<string>();
  for (const line of lines) {
    if (!isVatBreakdownLine(line.text)) continue;
    const entry = readVatBreakdownLine(line.text);
    if (entry !== null) rates.add(entry.rate);
  }
  return [...rates];
}

function toLine(row: ParsedRow, position: number, confirmed: ReadonlySet<string>): ExtractedLine {
  const { vatUncertain, ...line } = row;
  const rateConfirmed = line.vatRate !== null && confirmed.has(dec(line.vatRate).toString());
  const flags =
    vatUncertain && !rateConfirmed && !line.flags.includes('LOW_CONFIDENCE')
      ? [...line.flags, 'LOW_CONFIDENCE' as const]
      : line.flags;
  return { position, gtin: null, ...line, flags };
}

export function parseInvoiceText(
  lines: readonly TextLine[],
  options: ParseInvoiceTextOptions = {},
): ExtractedInvoice {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const documentRates = breakdownRates(lines);
  const rowOptions = {
    minConfidence,
    rates: documentRates.length > 0 ? documentRates : DEFAULT_LINE_RATES,
  };
  const invoice = emptyInvoice();
  const seen = new Set<HeaderField>();
  const totals: Totals = {
    netTotal: null,
    vatTotal: null,
    roundingAmount: null,
    amountDue: null,
    vatBreakdown: [],
    currency: null,
  };
  const rows: ParsedRow[] = [];
  let section: Section = 'top';

  for (const line of lines) {
    const text = line.text.trim();
    if (text.length === 0) continue;
    if (CREDIT_TITLE.test(text)) invoice.documentType = 'credit_note';

    if (invoice.supplierName === null && section === 'top' && !hasHeaderField(text) && !isTableHeader(text)) {
      const name = text.replace(TITLE, '').trim();
      if (/\p{L}/u.test(name) && !isTitle(text)) {
        invoice.supplierName = name;
        continue;
      }
    }

    if (isTableHeader(text) && !isTotalsLine(text)) {
      if (section !== 'totals') section = 'table';
      continue;
    }
    if (section !== 'top' && readTotalsLine(text, totals)) {
      section = 'totals';
      continue;
    }
    if (section === 'top' && isTotalsLine(text)) {
      // A totals block without a recognisable table header: still read it.
      readTotalsLine(text, totals);
      section = 'totals';
      continue;
    }
    if (hasHeaderField(text)) {
      readHeaderFields(text, invoice, seen);
      continue;
    }
    // OCR often loses the table header: the first line shaped like a row starts the table.
    if (section === 'top' && looksLikeHeaderlessRow(line.words)) section = 'table';
    if (section === 'table' || section === 'pageBreak') {
      if (PAGE_MARKER.test(text) || isTitle(text) || text === invoice.supplierName) {
        section = 'pageBreak';
        continue;
      }
      // After a page break, only row-like lines count until the table header repeats.
      if (section === 'pageBreak' && !looksLikeRow(line.words)) continue;
      rows.push(parseTableRow(line.words, rowOptions));
    }
  }

  const rated = inferUnreadableRates(rows, totals.vatBreakdown);
  const confirmed = confirmedRates(rated, totals.vatBreakdown);
  invoice.lines = rated.map((row, index) => toLine(row, index + 1, confirmed));
  invoice.netTotal = totals.netTotal;
  invoice.vatTotal = totals.vatTotal;
  invoice.roundingAmount = totals.roundingAmount;
  invoice.amountDue = totals.amountDue;
  invoice.vatBreakdown = totals.vatBreakdown;
  if (totals.currency !== null) invoice.currency = totals.currency;
  if (invoice.creditedInvoiceNumber !== null) invoice.documentType = 'credit_note';
  return checkInvoice(normaliseCreditNoteSigns(invoice));
}
