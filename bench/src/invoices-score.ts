// Scores what the product stored for an invoice against the ground truth: field by field (is each field
// exact? is each wrong numeric field flagged?) and the reconciliation (line outcomes, status, order).
import { dec } from '@iris/core';
import { expectedExtraction } from '@iris/testkit/invoices';
import type { BenchInvoice } from './invoices-corpus.ts';

/** An invoice as stored after extraction and reconciliation (the columns the scoring reads). */
export interface StoredInvoice {
  status: string;
  orderId: string | null;
  flags: string[];
  reviewReasons: string[];
  invoiceNumber: string | null;
  invoiceDate: Date | null;
  dueDate: Date | null;
  deliveryDate: Date | null;
  ocrReference: string | null;
  netTotal: { toString(): string } | null;
  vatTotal: { toString(): string } | null;
  amountDue: { toString(): string } | null;
  lines: StoredLine[];
}

export interface StoredLine {
  position: number;
  articleNumber: string | null;
  quantity: { toString(): string } | null;
  unitPrice: { toString(): string } | null;
  vatRate: { toString(): string } | null;
  lineTotal: { toString(): string } | null;
  flags: string[];
  outcome: string | null;
}

export const LINE_FIELDS = ['quantity', 'unitPrice', 'lineTotal', 'vatRate', 'articleNumber'] as const;
export const HEADER_FIELDS = [
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'deliveryDate',
  'ocrReference',
  'netTotal',
  'vatTotal',
  'amountDue',
] as const;
export type FieldName = (typeof LINE_FIELDS)[number] | (typeof HEADER_FIELDS)[number];
const NUMERIC = new Set<FieldName>([
  'quantity',
  'unitPrice',
  'lineTotal',
  'vatRate',
  'netTotal',
  'vatTotal',
  'amountDue',
]);

export interface FieldTally {
  total: number;
  exact: number;
}

export interface AccuracyTally {
  fields: Map<FieldName, FieldTally>;
  /** Wrong numeric fields (a missing line's and an extra line's count too). */
  wrongNumeric: number;
  /** …of which the line or the document carries a flag. */
  flaggedByFlag: number;
  /** …of which the invoice is needs_review for any reason (the brief's "flagged"). */
  flaggedOrReview: number;
  /** Wrong numeric fields on an invoice left `matched` with no flag: silently accepted. */
  silentlyAccepted: number;
  /** Wrong OCR references (payment goes by them): total, and left on a matched invoice without a flag. */
  wrongOcrReference: number;
  silentOcrReference: number;
  /** Invoices with every numeric field exact. */
  invoicesAllNumericExact: number;
  invoices: number;
  missingLines: number;
  extraLines: number;
  /** Up to a few examples of wrong fields, for the report. */
  examples: string[];
}

export function newAccuracyTally(): AccuracyTally {
  return {
    fields: new Map([...LINE_FIELDS, ...HEADER_FIELDS].map((name) => [name, { total: 0, exact: 0 }])),
    wrongNumeric: 0,
    flaggedByFlag: 0,
    flaggedOrReview: 0,
    silentlyAccepted: 0,
    wrongOcrReference: 0,
    silentOcrReference: 0,
    invoicesAllNumericExact: 0,
    invoices: 0,
    missingLines: 0,
    extraLines: 0,
    examples: [],
  };
}

function sameNumber(actual: { toString(): string } | null, expected: string): boolean {
  if (actual === null) return false;
  return dec(actual.toString()).equals(dec(expected));
}

function isoDate(value: Date | null): string | null {
  return value === null ? null : value.toISOString().slice(0, 10);
}

/** Adds one invoice's fields to the tally. */
export function scoreFields(tally: AccuracyTally, invoice: BenchInvoice, stored: StoredInvoice): void {
  const expected = expectedExtraction(invoice.truth);
  const review = stored.status !== 'matched';
  const documentFlagged = stored.flags.length > 0;
  let allNumericExact = true;

  const record = (field: FieldName, exact: boolean, lineFlagged: boolean, shown: string) => {
    const entry = tally.fields.get(field)!;
    entry.total += 1;
    if (exact) entry.exact += 1;
    if (!exact && field === 'ocrReference') {
      tally.wrongOcrReference += 1;
      if (!documentFlagged && !review) tally.silentOcrReference += 1;
      if (tally.examples.length < 8) tally.examples.push(`${invoice.fileName} ocrReference: ${shown}`);
    }
    if (exact || !NUMERIC.has(field)) return;
    allNumericExact = false;
    tally.wrongNumeric += 1;
    const byFlag = lineFlagged || documentFlagged;
    if (byFlag) tally.flaggedByFlag += 1;
    if (byFlag || review) tally.flaggedOrReview += 1;
    else tally.silentlyAccepted += 1;
    if (tally.examples.length < 8) {
      tally.examples.push(
        `${invoice.fileName} ${field}: ${shown}${byFlag ? ' (flagged)' : review ? ' (needs_review)' : ' (SILENT)'}`,
      );
    }
  };

  record(
    'invoiceNumber',
    stored.invoiceNumber === expected.invoiceNumber,
    false,
    `${stored.invoiceNumber} ≠ ${expected.invoiceNumber}`,
  );
  record(
    'invoiceDate',
    isoDate(stored.invoiceDate) === expected.invoiceDate,
    false,
    `${isoDate(stored.invoiceDate)} ≠ ${expected.invoiceDate}`,
  );
  record(
    'dueDate',
    isoDate(stored.dueDate) === expected.dueDate,
    false,
    `${isoDate(stored.dueDate)} ≠ ${expected.dueDate}`,
  );
  record(
    'deliveryDate',
    isoDate(stored.deliveryDate) === expected.deliveryDate,
    false,
    `${isoDate(stored.deliveryDate)} ≠ ${expected.deliveryDate}`,
  );
  record(
    'ocrReference',
    stored.ocrReference === expected.ocrReference,
    false,
    `${stored.ocrReference} ≠ ${expected.ocrReference}`,
  );
  for (const field of ['netTotal', 'vatTotal', 'amountDue'] as const) {
    record(
      field,
      sameNumber(stored[field], expected[field]),
      false,
      `${stored[field]?.toString() ?? 'null'} ≠ ${expected[field]}`,
    );
  }

  const byPosition = new Map(stored.lines.map((line) => [line.position, line]));
  for (const line of expected.lines) {
    const actual = byPosition.get(line.position);
    if (!actual) tally.missingLines += 1;
    const flagged = (actual?.flags.length ?? 0) > 0;
    for (const field of ['quantity', 'unitPrice', 'lineTotal', 'vatRate'] as const) {
      const value = actual?.[field] ?? null;
      record(
        field,
        sameNumber(value, line[field]),
        flagged,
        `line ${line.position} ${value?.toString() ?? 'null'} ≠ ${line[field]}`,
      );
    }
    record(
      'articleNumber',
      actual?.articleNumber === line.articleNumber,
      flagged,
      `line ${line.position} ${actual?.articleNumber ?? 'null'} ≠ ${line.articleNumber}`,
    );
  }
  // Lines the document does not have: every number on them is wrong.
  for (const extra of stored.lines.filter((line) => line.position > expected.lines.length)) {
    tally.extraLines += 1;
    for (const field of ['quantity', 'unitPrice', 'lineTotal', 'vatRate'] as const) {
      record(
        field,
        false,
        extra.flags.length > 0,
        `extra line ${extra.position} ${extra[field]?.toString() ?? 'null'}`,
      );
    }
  }
  tally.invoices += 1;
  if (allNumericExact) tally.invoicesAllNumericExact += 1;
}

export interface ReconciliationTally {
  /** expected outcome → actual outcome → count (dropped order lines as `not_delivered`). */
  lines: Map<string, Map<string, number>>;
  /** expected status → actual status → count. */
  statuses: Map<string, Map<string, number>>;
  invoices: number;
  orderCorrect: number;
  /** Per scenario: invoices, and those whose status and every line outcome were right. */
  scenarios: Map<string, { total: number; correct: number }>;
}

export function newReconciliationTally(): ReconciliationTally {
  return { lines: new Map(), statuses: new Map(), invoices: 0, orderCorrect: 0, scenarios: new Map() };
}

function bump(table: Map<string, Map<string, number>>, row: string, column: string): void {
  const counts = table.get(row) ?? new Map<string, number>();
  counts.set(column, (counts.get(column) ?? 0) + 1);
  table.set(row, counts);
}

export function scoreReconciliation(
  tally: ReconciliationTally,
  invoice: BenchInvoice,
  stored: StoredInvoice,
): void {
  const { expected } = invoice;
  const byPosition = new Map(stored.lines.map((line) => [line.position, line]));
  let allRight = stored.status === expected.status;
  expected.lineOutcomes.forEach((outcome, index) => {
    const actual = byPosition.get(index + 1)?.outcome ?? 'missing';
    bump(tally.lines, outcome, actual);
    if (actual !== outcome) allRight = false;
  });
  const reported = stored.reviewReasons.includes('ORDER_LINES_NOT_INVOICED');
  for (let i = 0; i < expected.droppedLines; i += 1) {
    bump(tally.lines, 'not_delivered', reported ? 'not_delivered' : 'not reported');
    if (!reported) allRight = false;
  }
  bump(tally.statuses, expected.status, stored.status);
  if (stored.orderId === expected.orderId) tally.orderCorrect += 1;
  else allRight = false;
  tally.invoices += 1;
  const scenario = tally.scenarios.get(expected.scenario) ?? { total: 0, correct: 0 };
  scenario.total += 1;
  if (allRight) scenario.correct += 1;
  tally.scenarios.set(expected.scenario, scenario);
}
