import { dec } from '@iris/core';
import type { Prisma } from '@iris/db';
import type { LockedInvoice } from '../invoice.repository.ts';
import type { ExtractedInvoice, ExtractedLine, LineFlag, DocumentFlag } from '../model.ts';
import type { InvoiceCorrection } from './review.schemas.ts';

/**
 * Turning a stored invoice back into the extraction contract, applying a reviewer's corrections, and
 * listing what changed (for the audit log). Pure: the service runs checkInvoice on the result and writes it.
 */

function decimalText(value: Prisma.Decimal | null): string | null {
  return value === null ? null : value.toFixed();
}

function dateText(value: Date | null): string | null {
  return value === null ? null : value.toISOString().slice(0, 10);
}

export function toExtracted(invoice: LockedInvoice): ExtractedInvoice {
  const breakdown = Array.isArray(invoice.vatBreakdown) ? invoice.vatBreakdown : [];
  return {
    documentType: invoice.documentType,
    supplierName: invoice.supplierName,
    supplierOrgNumber: invoice.supplierOrgNumber,
    supplierVatNumber: invoice.supplierVatNumber,
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: dateText(invoice.invoiceDate),
    dueDate: dateText(invoice.dueDate),
    deliveryDate: dateText(invoice.deliveryDate),
    orderReference: invoice.orderReference,
    customerNumber: invoice.customerNumber,
    creditedInvoiceNumber: invoice.creditedInvoiceNumber,
    currency: invoice.currency,
    lines: invoice.lines.map((line) => ({
      position: line.position,
      articleNumber: line.articleNumber,
      gtin: line.gtin,
      description: line.description,
      quantity: decimalText(line.quantity),
      unit: line.unit,
      unitPrice: decimalText(line.unitPrice),
      vatRate: decimalText(line.vatRate),
      lineTotal: decimalText(line.lineTotal),
      flags: line.flags as LineFlag[],
    })),
    vatBreakdown: breakdown.flatMap((entry) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return [];
      const { rate, base, vat } = entry;
      return typeof rate === 'string' && typeof base === 'string' && typeof vat === 'string'
        ? [{ rate, base, vat }]
        : [];
    }),
    netTotal: decimalText(invoice.netTotal),
    vatTotal: decimalText(invoice.vatTotal),
    roundingAmount: decimalText(invoice.roundingAmount),
    amountDue: decimalText(invoice.amountDue),
    bankgiro: invoice.bankgiro,
    plusgiro: invoice.plusgiro,
    ocrReference: invoice.ocrReference,
    flags: invoice.flags as DocumentFlag[],
  };
}

export interface FieldChange {
  /** `invoiceNumber`, or `lines.3.unitPrice` for a line's field. */
  field: string;
  before: string | null;
  after: string | null;
}

const LINE_FIELDS = [
  'articleNumber',
  'gtin',
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'vatRate',
  'lineTotal',
] as const;

/** Same decimal, whatever the notation ("12.50" = "12.5"). */
const DECIMAL_FIELDS = new Set([
  'netTotal',
  'vatTotal',
  'roundingAmount',
  'amountDue',
  'quantity',
  'unitPrice',
  'vatRate',
  'lineTotal',
]);

function sameValue(field: string, a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return DECIMAL_FIELDS.has(field) ? dec(a).equals(dec(b)) : a === b;
}

/**
 * The invoice with the corrections applied, the changes, and the positions of the lines that changed.
 * A corrected line loses LOW_CONFIDENCE: a person has read it now.
 */
export function applyCorrection(
  current: ExtractedInvoice,
  correction: Pick<InvoiceCorrection, 'fields' | 'lines'>,
): {
  invoice: ExtractedInvoice;
  changes: FieldChange[];
  changedPositions: Set<number>;
  newPositions: Set<number>;
} {
  const changes: FieldChange[] = [];
  const next: ExtractedInvoice = { ...current, lines: current.lines.map((line) => ({ ...line })) };
  for (const [field, value] of Object.entries(correction.fields ?? {}) as [
    keyof NonNullable<InvoiceCorrection['fields']>,
    string | null,
  ][]) {
    if (value === undefined) continue;
    const before = current[field];
    if (sameValue(field, before, value)) continue;
    changes.push({ field, before, after: value });
    next[field] = value;
  }
  const changedPositions = new Set<number>();
  const newPositions = new Set<number>();
  for (const patch of correction.lines ?? []) {
    let line = next.lines.find((candidate) => candidate.position === patch.position);
    if (!line) {
      line = {
        position: patch.position,
        articleNumber: null,
        gtin: null,
        description: '',
        quantity: null,
        unit: null,
        unitPrice: null,
        vatRate: null,
        lineTotal: null,
        flags: [],
      };
      next.lines.push(line);
      newPositions.add(patch.position);
    }
    for (const field of LINE_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      const before = line[field];
      if (sameValue(field, before, value)) continue;
      changes.push({
        field: `lines.${patch.position}.${field}`,
        before: newPositions.has(patch.position) ? null : before,
        after: value,
      });
      (line as Record<(typeof LINE_FIELDS)[number], string | null>)[field] = value;
      changedPositions.add(patch.position);
    }
    if (changedPositions.has(patch.position))
      line.flags = line.flags.filter((flag) => flag !== 'LOW_CONFIDENCE');
  }
  next.lines.sort((a, b) => a.position - b.position);
  return { invoice: next, changes, changedPositions, newPositions };
}

export function lineOf(invoice: ExtractedInvoice, position: number): ExtractedLine {
  return invoice.lines.find((line) => line.position === position)!;
}
