import { dec } from '@iris/core';
import type { ExtractedInvoice, ExtractedLine } from '../model.ts';

/**
 * Credit notes arrive with either sign: a UBL CreditNote states positive amounts, a Svefaktura or printed
 * credit invoice often negative ones. Every extractor calls this so that downstream code sees one
 * convention: a credit note's amounts are positive and `documentType: 'credit_note'` says it is a credit.
 *
 * A negative document (amount due, else net, else the sum of the lines, below zero) has all its amounts
 * negated together, which keeps every sum intact. Per line, unit prices are made positive and the
 * quantity takes the sign of the line total, so quantity × price = total still holds for a line printed
 * as "-12 st 42,23 -506,76" or "12 st 42,23 -506,76" alike.
 */
export function normaliseCreditNoteSigns(invoice: ExtractedInvoice): ExtractedInvoice {
  if (invoice.documentType !== 'credit_note') return invoice;
  const documentSign = documentIsNegative(invoice) ? -1 : 1;
  const flip = (value: string | null): string | null =>
    value === null ? null : negateIf(value, documentSign < 0);
  return {
    ...invoice,
    lines: invoice.lines.map((line) => normaliseLine(line, documentSign)),
    vatBreakdown: invoice.vatBreakdown.map((entry) => ({
      rate: entry.rate,
      base: negateIf(entry.base, documentSign < 0),
      vat: negateIf(entry.vat, documentSign < 0),
    })),
    netTotal: flip(invoice.netTotal),
    vatTotal: flip(invoice.vatTotal),
    roundingAmount: flip(invoice.roundingAmount),
    amountDue: flip(invoice.amountDue),
  };
}

function documentIsNegative(invoice: ExtractedInvoice): boolean {
  const headline = invoice.amountDue ?? invoice.netTotal;
  if (headline !== null) return dec(headline).isNegative() && !dec(headline).isZero();
  const lineSum = invoice.lines.reduce(
    (total, line) => (line.lineTotal === null ? total : total.plus(dec(line.lineTotal))),
    dec(0),
  );
  return lineSum.isNegative() && !lineSum.isZero();
}

function negateIf(value: string, negate: boolean): string {
  if (!negate) return value;
  if (value.startsWith('-')) return value.slice(1);
  return /^[0.]+$/.test(value) ? value : `-${value}`;
}

function absolute(value: string): string {
  return value.startsWith('-') ? value.slice(1) : value;
}

function normaliseLine(line: ExtractedLine, documentSign: number): ExtractedLine {
  const lineTotal = line.lineTotal === null ? null : negateIf(line.lineTotal, documentSign < 0);
  const unitPrice = line.unitPrice === null ? null : absolute(line.unitPrice);
  let quantity = line.quantity;
  if (quantity !== null) {
    // Without a total, the sign of quantity × price × document sign is what the total would have had.
    const negativeFactors = [
      documentSign < 0,
      quantity.startsWith('-'),
      line.unitPrice?.startsWith('-') ?? false,
    ];
    const totalNegative =
      lineTotal !== null ? lineTotal.startsWith('-') : negativeFactors.filter(Boolean).length % 2 === 1;
    quantity = negateIf(absolute(quantity), totalNegative);
  }
  return { ...line, quantity, unitPrice, lineTotal };
}
