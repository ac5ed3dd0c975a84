import { describe, expect, it } from 'vitest';
import type { VatSubtotal } from '../model.ts';
import type { ParsedRow } from './table-row.ts';
import { confirmedRates, inferUnreadableRates } from './vat-confirm.ts';

function row(lineTotal: string | null, vatRate: string | null, vatUncertain = false): ParsedRow {
  return {
    articleNumber: '100001',
    description: 'Vara',
    quantity: '1',
    unit: 'st',
    unitPrice: lineTotal,
    vatRate,
    lineTotal,
    flags: [],
    vatUncertain,
  };
}

const breakdown: VatSubtotal[] = [
  { rate: '6', base: '150.00', vat: '9.00' },
  { rate: '25', base: '40.00', vat: '10.00' },
];

describe('confirmedRates', () => {
  it('confirms a rate whose lines add up exactly to its base', () => {
    const rows = [row('100.00', '6'), row('50.00', '6'), row('40.00', '25')];
    expect(confirmedRates(rows, breakdown)).toEqual(new Set(['6', '25']));
  });

  it('does not confirm a rate whose lines fall short or include a line without a total', () => {
    expect(confirmedRates([row('100.00', '6'), row('40.00', '25')], breakdown)).toEqual(new Set(['25']));
    expect(confirmedRates([row('100.00', '6'), row('50.00', '6'), row(null, '6')], breakdown)).toEqual(
      new Set(),
    );
  });
});

describe('inferUnreadableRates', () => {
  it('gives an unreadable rate the only one that makes every rate add up', () => {
    const rows = inferUnreadableRates(
      [row('100.00', '6'), row('50.00', null, true), row('40.00', '25')],
      breakdown,
    );
    expect(rows[1]).toMatchObject({ vatRate: '6', vatUncertain: false });
  });

  it('leaves rates unknown when no assignment, or more than one, adds up', () => {
    const none = inferUnreadableRates(
      [row('100.00', '6'), row('55.00', null), row('40.00', '25')],
      breakdown,
    );
    expect(none[1]?.vatRate).toBeNull();
    const twoWays: VatSubtotal[] = [
      { rate: '6', base: '50.00', vat: '3.00' },
      { rate: '25', base: '50.00', vat: '12.50' },
    ];
    const ambiguous = inferUnreadableRates([row('50.00', null), row('50.00', null)], twoWays);
    expect(ambiguous.map((r) => r.vatRate)).toEqual([null, null]);
  });

  it('infers nothing when a line total is missing (the sums cannot be trusted)', () => {
    const rows = inferUnreadableRates([row('100.00', '6'), row('50.00', null), row(null, '25')], breakdown);
    expect(rows[1]?.vatRate).toBeNull();
  });
});
