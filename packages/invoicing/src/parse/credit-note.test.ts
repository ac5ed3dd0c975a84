import { describe, expect, it } from 'vitest';
import { emptyInvoice } from './empty-invoice.ts';
import { normaliseCreditNoteSigns } from './credit-note.ts';
import type { ExtractedInvoice, ExtractedLine } from '../model.ts';

function line(quantity: string | null, unitPrice: string | null, lineTotal: string | null): ExtractedLine {
  return {
    position: 1,
    articleNumber: null,
    gtin: null,
    description: 'x',
    quantity,
    unit: 'st',
    unitPrice,
    vatRate: '6',
    lineTotal,
    flags: [],
  };
}

function credit(overrides: Partial<ExtractedInvoice>): ExtractedInvoice {
  return { ...emptyInvoice(), documentType: 'credit_note', ...overrides };
}

describe('normaliseCreditNoteSigns', () => {
  it('negates a negative credit note as a whole and fixes line signs so quantity × price = total', () => {
    const result = normaliseCreditNoteSigns(
      credit({
        lines: [
          line('-12', '42.23', '-506.76'),
          line('12', '42.23', '-506.76'),
          line('12', '-42.23', '-506.76'),
        ],
        vatBreakdown: [{ rate: '6', base: '-1520.28', vat: '-91.22' }],
        netTotal: '-1520.28',
        vatTotal: '-91.22',
        roundingAmount: '-0.50',
        amountDue: '-1612.00',
      }),
    );
    expect(result.lines.map((l) => [l.quantity, l.unitPrice, l.lineTotal])).toEqual([
      ['12', '42.23', '506.76'],
      ['12', '42.23', '506.76'],
      ['12', '42.23', '506.76'],
    ]);
    expect(result).toMatchObject({
      netTotal: '1520.28',
      vatTotal: '91.22',
      roundingAmount: '0.50',
      amountDue: '1612.00',
    });
    expect(result.vatBreakdown).toEqual([{ rate: '6', base: '1520.28', vat: '91.22' }]);
  });

  it('leaves a positive credit note and any invoice alone', () => {
    const positive = credit({ lines: [line('2', '42.23', '84.46')], netTotal: '84.46', amountDue: '90.00' });
    expect(normaliseCreditNoteSigns(positive)).toEqual(positive);
    const invoice: ExtractedInvoice = { ...positive, documentType: 'invoice', amountDue: '-90.00' };
    expect(normaliseCreditNoteSigns(invoice)).toBe(invoice);
  });

  it('decides the sign from the lines when no totals were read, keeping zero unsigned', () => {
    const result = normaliseCreditNoteSigns(
      credit({
        lines: [line('-1', '10.00', '-10.00'), line('-1', '0.00', '0.00'), line('-2', '5.00', null)],
      }),
    );
    expect(result.lines.map((l) => [l.quantity, l.lineTotal])).toEqual([
      ['1', '10.00'],
      ['1', '0.00'],
      ['2', null],
    ]);
  });
});
