import { dec, foldForSearch, roundToOre, type Dec } from '@iris/core';

/**
 * The pure part of reconciliation: which order line an invoice line is, what each line's outcome is, and
 * what the invoice's status and review reasons are. No database, no clock: the service feeds it rows.
 */

export const LINE_OUTCOMES = [
  'matched',
  'price_deviation',
  'quantity_deviation',
  'not_ordered',
  'not_delivered',
  'vat_mismatch',
  'unreadable',
] as const;
export type LineOutcome = (typeof LINE_OUTCOMES)[number];

export const REVIEW_REASONS = [
  'SUPPLIER_UNKNOWN',
  'NO_MATCHING_ORDER',
  'LINE_DEVIATIONS',
  'FLAGGED_FIELDS',
  'EXTRACTION_FAILED',
  /** Informational: delivered order lines the invoice does not bill. Does not by itself stop `matched`. */
  'ORDER_LINES_NOT_INVOICED',
  'CREDIT_NOTE_UNEXPECTED',
  /** The referenced order is already matched to another invoice that is not disputed. */
  'ORDER_ALREADY_INVOICED',
  /** An earlier invoice of the restaurant has the same supplier, number and document type (e.g. PDF, then XML). */
  'DUPLICATE_INVOICE',
  /** The organisation number read names another supplier than the referenced order's. */
  'SUPPLIER_MISMATCH',
  /** The credit note's net total is not the net amount the credit request asks for. */
  'CREDIT_NOTE_AMOUNT_DIFFERS',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** Reasons that keep an invoice out of `matched`; ORDER_LINES_NOT_INVOICED is only reported. */
const BLOCKING: ReadonlySet<ReviewReason> = new Set([
  'SUPPLIER_UNKNOWN',
  'NO_MATCHING_ORDER',
  'LINE_DEVIATIONS',
  'FLAGGED_FIELDS',
  'EXTRACTION_FAILED',
  'CREDIT_NOTE_UNEXPECTED',
  'ORDER_ALREADY_INVOICED',
  'DUPLICATE_INVOICE',
  'SUPPLIER_MISMATCH',
  'CREDIT_NOTE_AMOUNT_DIFFERS',
]);

/** Why no order was matched although one was referenced: each replaces NO_MATCHING_ORDER. */
export type OrderConflict = 'ORDER_ALREADY_INVOICED' | 'SUPPLIER_MISMATCH';

export interface EngineInvoiceLine {
  id: string;
  position: number;
  articleNumber: string | null;
  gtin: string | null;
  description: string;
  quantity: Dec | null;
  unitPrice: Dec | null;
  vatRate: Dec | null;
  lineTotal: Dec | null;
  flags: readonly string[];
  /** A reviewer accepted this line's deviation. */
  accepted: boolean;
}

export interface EngineOrderLine {
  id: string;
  productId: string;
  sku: string;
  gtin: string | null;
  /** An accepted substitute's SKU and GTIN: the supplier may invoice under either. */
  substituteSku: string | null;
  substituteGtin: string | null;
  name: string;
  quantity: Dec;
  confirmedQuantity: Dec | null;
  receivedQuantity: Dec | null;
  /** `missing` means nothing arrived, whatever the received quantity says. */
  discrepancyReason: string | null;
  unitPrice: Dec;
  vatRate: Dec;
}

export interface Tolerances {
  /** Percent, relative to the expected value. */
  priceTolerancePct: Dec;
  quantityTolerancePct: Dec;
}

export interface LineResult {
  invoiceLineId: string;
  outcome: LineOutcome;
  orderLineId: string | null;
  productId: string | null;
  expectedUnitPrice: Dec | null;
  expectedVatRate: Dec | null;
  orderedQuantity: Dec | null;
  receivedQuantity: Dec | null;
  priceDeviationPct: Dec | null;
  quantityDeviationPct: Dec | null;
}

/** Descriptions sharing at least this share of their words count as the same article. */
export const DESCRIPTION_OVERLAP_THRESHOLD = 0.6;

/** "IR-000123", "IR123", "000123", "123" → 123; anything else → null. */
export function parseOrderNumber(reference: string | null): number | null {
  if (!reference) return null;
  const match = /^\s*(?:IR[\s-]?)?0*(\d{1,9})\s*$/i.exec(reference);
  if (!match) return null;
  const number = Number(match[1]);
  return number >= 1 && number <= 2_147_483_647 ? number : null;
}

function normaliseCode(code: string | null): string | null {
  if (!code) return null;
  const folded = code.replace(/\s+/g, '').toUpperCase();
  return folded.length > 0 ? folded : null;
}

function tokens(text: string): Set<string> {
  return new Set(
    foldForSearch(text)
      .split(' ')
      .filter((token) => token.length > 0),
  );
}

/** Shared words over the words of the shorter description (0–1). */
export function descriptionOverlap(a: string, b: string): number {
  const left = tokens(a);
  const right = tokens(b);
  const smaller = Math.min(left.size, right.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return shared / smaller;
}

function codesOf(line: EngineOrderLine): Set<string> {
  return new Set(
    [line.sku, line.gtin, line.substituteSku, line.substituteGtin]
      .map(normaliseCode)
      .filter((code): code is string => code !== null),
  );
}

/**
 * Pairs invoice lines with order lines, each order line at most once: first by article number or GTIN
 * (the order line's SKU, GTIN, or its substitute's), then by description for the lines left.
 */
export function pairLines(
  invoiceLines: readonly EngineInvoiceLine[],
  orderLines: readonly EngineOrderLine[],
): Map<string, EngineOrderLine> {
  const pairs = new Map<string, EngineOrderLine>();
  const used = new Set<string>();
  const codes = new Map(orderLines.map((line) => [line.id, codesOf(line)]));
  for (const line of invoiceLines) {
    const wanted = [normaliseCode(line.articleNumber), normaliseCode(line.gtin)].filter(
      (code): code is string => code !== null,
    );
    if (wanted.length === 0) continue;
    const found = orderLines.find(
      (candidate) => !used.has(candidate.id) && wanted.some((code) => codes.get(candidate.id)!.has(code)),
    );
    if (found) {
      pairs.set(line.id, found);
      used.add(found.id);
    }
  }
  for (const line of invoiceLines) {
    if (pairs.has(line.id)) continue;
    let best: { line: EngineOrderLine; score: number } | null = null;
    for (const candidate of orderLines) {
      if (used.has(candidate.id)) continue;
      const score = descriptionOverlap(line.description, candidate.name);
      if (score >= DESCRIPTION_OVERLAP_THRESHOLD && (!best || score > best.score))
        best = { line: candidate, score };
    }
    if (best) {
      pairs.set(line.id, best.line);
      used.add(best.line.id);
    }
  }
  return pairs;
}

/** The largest magnitude a percentage column (Decimal(9,3)) holds. */
export const MAX_STORED_PCT = dec('999999.999');

/**
 * A percentage clamped to what the columns hold: a misread or absurd number (9000 against 0.50) would
 * otherwise fail the whole write; past ±999 999.999 % the exact figure tells a reviewer nothing more.
 */
export function storablePct(value: Dec): Dec {
  if (value.greaterThan(MAX_STORED_PCT)) return MAX_STORED_PCT;
  if (value.lessThan(MAX_STORED_PCT.negated())) return MAX_STORED_PCT.negated();
  return value;
}

/** (actual − expected) / expected × 100, 3 decimals, clamped; null when there is nothing to compare against. */
export function deviationPct(actual: Dec, expected: Dec): Dec | null {
  if (expected.isZero()) return null;
  return storablePct(actual.minus(expected).dividedBy(expected).times(100).toDecimalPlaces(3));
}

function outside(actual: Dec, expected: Dec, tolerancePct: Dec): boolean {
  if (expected.isZero()) return !actual.isZero();
  return actual.minus(expected).abs().dividedBy(expected.abs()).times(100).greaterThan(tolerancePct);
}

/** What the order expects to be billed: received, else confirmed, else ordered. */
export function expectedQuantity(line: EngineOrderLine): Dec {
  return line.receivedQuantity ?? line.confirmedQuantity ?? line.quantity;
}

/** One invoice line against its order line (or none): the first outcome that applies. */
export function judgeLine(
  line: EngineInvoiceLine,
  orderLine: EngineOrderLine | null,
  tolerances: Tolerances,
): LineResult {
  const base: LineResult = {
    invoiceLineId: line.id,
    outcome: 'matched',
    orderLineId: orderLine?.id ?? null,
    productId: orderLine?.productId ?? null,
    expectedUnitPrice: orderLine?.unitPrice ?? null,
    expectedVatRate: orderLine?.vatRate ?? null,
    orderedQuantity: orderLine?.quantity ?? null,
    receivedQuantity: orderLine?.receivedQuantity ?? null,
    priceDeviationPct: null,
    quantityDeviationPct: null,
  };
  // A flagged line's numbers are not trusted: no deviation is computed from them until corrected.
  if (line.flags.length > 0 || line.quantity === null || line.unitPrice === null)
    return { ...base, outcome: 'unreadable' };
  if (orderLine) {
    base.priceDeviationPct = deviationPct(line.unitPrice, orderLine.unitPrice);
    base.quantityDeviationPct = deviationPct(line.quantity, expectedQuantity(orderLine));
  }
  if (!orderLine) return { ...base, outcome: 'not_ordered' };
  const nothingArrived =
    orderLine.discrepancyReason === 'missing' ||
    (orderLine.receivedQuantity !== null && orderLine.receivedQuantity.isZero());
  if (nothingArrived) return { ...base, outcome: 'not_delivered' };
  if (outside(line.quantity, expectedQuantity(orderLine), tolerances.quantityTolerancePct))
    return { ...base, outcome: 'quantity_deviation' };
  if (outside(line.unitPrice, orderLine.unitPrice, tolerances.priceTolerancePct))
    return { ...base, outcome: 'price_deviation' };
  if (line.vatRate !== null && !line.vatRate.equals(orderLine.vatRate))
    return { ...base, outcome: 'vat_mismatch' };
  return base;
}

/** Every line judged against the order's lines (none when no order was found). */
export function judgeLines(
  invoiceLines: readonly EngineInvoiceLine[],
  orderLines: readonly EngineOrderLine[],
  tolerances: Tolerances,
): LineResult[] {
  const pairs = pairLines(invoiceLines, orderLines);
  return invoiceLines.map((line) => judgeLine(line, pairs.get(line.id) ?? null, tolerances));
}

/** Order lines delivered (something received, or confirmed and not reported missing) that no invoice line bills. */
export function uninvoicedOrderLines(
  orderLines: readonly EngineOrderLine[],
  results: readonly LineResult[],
): EngineOrderLine[] {
  const billed = new Set(results.map((result) => result.orderLineId).filter((id) => id !== null));
  return orderLines.filter(
    (line) =>
      !billed.has(line.id) && line.discrepancyReason !== 'missing' && !expectedQuantity(line).isZero(),
  );
}

export interface VerdictInput {
  documentType: 'invoice' | 'credit_note';
  supplierFound: boolean;
  orderFound: boolean;
  /** Why an order was deliberately not matched (replaces NO_MATCHING_ORDER). */
  orderConflict?: OrderConflict | null;
  /** An earlier invoice has the same supplier, number and document type: never matched. */
  duplicate?: boolean;
  /** For a credit note: an open credit request it settles. */
  creditRequestFound: boolean;
  /** For a credit note: a request was found by the invoice it names, but the amounts differ. */
  creditAmountDiffers?: boolean;
  extractionFailed: boolean;
  documentFlags: readonly string[];
  lines: readonly { outcome: LineOutcome; accepted: boolean }[];
  uninvoicedOrderLines: number;
}

export interface Verdict {
  status: 'matched' | 'needs_review';
  reasons: ReviewReason[];
}

/**
 * The invoice's status: `matched` when nothing blocking is left, else `needs_review` with every reason.
 * LINES_FLAGGED is the lines' own business (their outcome is `unreadable`), so it alone is not FLAGGED_FIELDS.
 */
export function verdict(input: VerdictInput): Verdict {
  const reasons: ReviewReason[] = [];
  if (input.extractionFailed) reasons.push('EXTRACTION_FAILED');
  if (!input.supplierFound) reasons.push('SUPPLIER_UNKNOWN');
  if (input.duplicate) reasons.push('DUPLICATE_INVOICE');
  if (input.documentType === 'credit_note') {
    if (input.creditAmountDiffers) reasons.push('CREDIT_NOTE_AMOUNT_DIFFERS');
    else if (!input.creditRequestFound && !input.duplicate) reasons.push('CREDIT_NOTE_UNEXPECTED');
  } else {
    if (input.orderConflict) reasons.push(input.orderConflict);
    else if (!input.orderFound && !input.duplicate) reasons.push('NO_MATCHING_ORDER');
    if (input.lines.some((line) => line.outcome !== 'matched' && !line.accepted))
      reasons.push('LINE_DEVIATIONS');
    if (input.uninvoicedOrderLines > 0) reasons.push('ORDER_LINES_NOT_INVOICED');
  }
  if (input.documentFlags.some((flag) => flag !== 'LINES_FLAGGED')) reasons.push('FLAGGED_FIELDS');
  const blocked = reasons.some((reason) => BLOCKING.has(reason));
  return { status: blocked ? 'needs_review' : 'matched', reasons };
}

/**
 * What a disputed line is worth: billed − expected (expected quantity × expected price), to the öre. A line
 * nobody ordered or that never arrived is disputed whole.
 */
export function disputedAmount(line: {
  outcome: LineOutcome | null;
  quantity: Dec | null;
  unitPrice: Dec | null;
  lineTotal: Dec | null;
  expectedUnitPrice: Dec | null;
  expectedQuantity: Dec | null;
}): Dec {
  const billed =
    line.lineTotal ?? (line.quantity && line.unitPrice ? line.quantity.times(line.unitPrice) : dec(0));
  if (line.outcome === 'not_ordered' || line.outcome === 'not_delivered') return roundToOre(billed);
  if (line.expectedUnitPrice === null || line.expectedQuantity === null) return roundToOre(billed);
  const expected = line.expectedQuantity.times(line.expectedUnitPrice);
  return roundToOre(billed.minus(expected));
}
