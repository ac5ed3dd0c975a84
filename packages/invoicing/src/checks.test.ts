import { describe, expect, it } from 'vitest';
import { checkInvoice, checkLine, expectedLineTotal, invoiceIsTrusted, lineIsTrusted } from './checks.ts';
import type { ExtractedInvoice, ExtractedLine } from './model.ts';
import { normaliseCreditNoteSigns } from './parse/credit-note.ts';

/**
 * A consistent invoice worked out by hand: 12 × 42.23 = 506.76 (6 %), 3 × 149.00 = 447.00 (25 %);
 * net 953.76; VAT 30.41 (506.76 × 6 % = 30.4056) + 111.75 = 142.16; gross 1 095.92 → 1 096, rounding 0.08.
 */
function line(overrides: Partial<ExtractedLine> = {}): ExtractedLine {
  return {
    position: 1,
    articleNumber: '100067',
    gtin: null,
    description: 'Vispgrädde 36% 1 l',
    quantity: '12',
    unit: 'st',
    unitPrice: '42.23',
    vatRate: '6',
    lineTotal: '506.76',
    flags: [],
    ...overrides,
  };
}

function invoice(overrides: Partial<ExtractedInvoice> = {}): ExtractedInvoice {
  return {
    documentType: 'invoice',
    supplierName: 'Grönsaksgrossisten Mälardalen AB',
    supplierOrgNumber: '556677-8899',
    supplierVatNumber: 'SE556677889901',
    invoiceNumber: '2026-10457',
    invoiceDate: '2026-05-12',
    dueDate: '2026-06-11',
    deliveryDate: null,
    orderReference: 'IR-000123',
    customerNumber: '40021',
    creditedInvoiceNumber: null,
    currency: 'SEK',
    lines: [
      line(),
      line({
        position: 2,
        articleNumber: '900011',
        description: 'Diskmedel',
        quantity: '3',
        unitPrice: '149.00',
        vatRate: '25',
        lineTotal: '447.00',
      }),
    ],
    vatBreakdown: [
      { rate: '6', base: '506.76', vat: '30.41' },
      { rate: '25', base: '447.00', vat: '111.75' },
    ],
    netTotal: '953.76',
    vatTotal: '142.16',
    roundingAmount: '0.08',
    amountDue: '1096.00',
    bankgiro: '5050-1055',
    plusgiro: '123456-6',
    ocrReference: '2026051200015',
    flags: [],
    ...overrides,
  };
}

const rates = ['6', '25'];

describe('checkLine', () => {
  it('trusts a line whose quantity × unit price rounds half-up to its total', () => {
    expect(checkLine(line(), rates).flags).toEqual([]);
    // 2.345 × 289.90 = 679.8155 → 679.82; 0.125 × 0.10 = 0.0125 → 0.01 (half-up on the third decimal).
    expect(
      checkLine(line({ quantity: '2.345', unitPrice: '289.90', lineTotal: '679.82' }), rates).flags,
    ).toEqual([]);
    expect(checkLine(line({ quantity: '0.5', unitPrice: '0.01', lineTotal: '0.01' }), rates).flags).toEqual(
      [],
    );
    expect(checkLine(line({ quantity: '0.5', unitPrice: '0.01', lineTotal: '0.00' }), rates).flags).toEqual([
      'ARITHMETIC_MISMATCH',
    ]);
  });

  it('flags ARITHMETIC_MISMATCH to the öre', () => {
    expect(checkLine(line({ lineTotal: '506.77' }), rates).flags).toEqual(['ARITHMETIC_MISMATCH']);
    expect(checkLine(line({ lineTotal: '506.75' }), rates).flags).toEqual(['ARITHMETIC_MISMATCH']);
  });

  it('flags each missing number (and does not compute arithmetic without it)', () => {
    expect(checkLine(line({ quantity: null }), rates).flags).toEqual(['MISSING_QUANTITY']);
    expect(checkLine(line({ unitPrice: null }), rates).flags).toEqual(['MISSING_UNIT_PRICE']);
    expect(checkLine(line({ lineTotal: null }), rates).flags).toEqual(['MISSING_LINE_TOTAL']);
  });

  it('flags VAT_RATE_INVALID for a non-Swedish rate, a rate missing from the breakdown, or none', () => {
    expect(checkLine(line({ vatRate: '7' }), []).flags).toEqual(['VAT_RATE_INVALID']);
    expect(checkLine(line({ vatRate: '12' }), rates).flags).toEqual(['VAT_RATE_INVALID']);
    expect(checkLine(line({ vatRate: null }), rates).flags).toEqual(['VAT_RATE_INVALID']);
    expect(checkLine(line({ vatRate: '12' }), []).flags).toEqual([]);
    expect(checkLine(line({ vatRate: '6.00' }), rates).flags).toEqual([]);
    expect(
      checkLine(line({ vatRate: '0', quantity: '1', unitPrice: '10', lineTotal: '10.00' }), ['0']).flags,
    ).toEqual([]);
  });

  it('flags NUMBER_OUT_OF_RANGE past 3 decimals (quantity, price), 2 (total) or 10 integer digits', () => {
    expect(
      checkLine(line({ quantity: '1.0000', unitPrice: '506.76', lineTotal: '506.76' }), rates).flags,
    ).toEqual(['NUMBER_OUT_OF_RANGE']);
    expect(
      checkLine(line({ quantity: '1', unitPrice: '506.7600', lineTotal: '506.76' }), rates).flags,
    ).toEqual(['NUMBER_OUT_OF_RANGE']);
    expect(
      checkLine(line({ quantity: '1', unitPrice: '506.76', lineTotal: '506.760' }), rates).flags,
    ).toEqual(['NUMBER_OUT_OF_RANGE']);
    expect(
      checkLine(line({ quantity: '1', unitPrice: '12345678901', lineTotal: '12345678901.00' }), rates).flags,
    ).toEqual(['NUMBER_OUT_OF_RANGE']);
    expect(
      checkLine(line({ quantity: '1', unitPrice: '1234567890.125', lineTotal: '1234567890.13' }), rates)
        .flags,
    ).toEqual([]);
  });

  it('keeps LOW_CONFIDENCE (only the extractor knows it) and recomputes everything else', () => {
    expect(
      checkLine(line({ flags: ['LOW_CONFIDENCE', 'ARITHMETIC_MISMATCH', 'MISSING_QUANTITY'] }), rates).flags,
    ).toEqual(['LOW_CONFIDENCE']);
  });

  it('exposes the expected total and trust helpers', () => {
    expect(expectedLineTotal(line())?.toFixed(2)).toBe('506.76');
    expect(expectedLineTotal(line({ quantity: null }))).toBeNull();
    expect(lineIsTrusted(line())).toBe(true);
    expect(lineIsTrusted(line({ flags: ['LOW_CONFIDENCE'] }))).toBe(false);
  });
});

describe('checkInvoice', () => {
  it('trusts a consistent invoice and is idempotent', () => {
    const checked = checkInvoice(invoice());
    expect(checked.flags).toEqual([]);
    expect(invoiceIsTrusted(checked)).toBe(true);
    expect(checkInvoice(checked)).toEqual(checked);
    const flagged = checkInvoice(invoice({ amountDue: '1000.00', flags: ['NO_LINES'] }));
    expect(checkInvoice(flagged)).toEqual(flagged);
    expect(flagged.flags).toEqual(['AMOUNT_DUE_MISMATCH']);
  });

  it('NET_TOTAL_MISMATCH: lines do not sum to the net total, or there is no net total', () => {
    expect(checkInvoice(invoice({ netTotal: '953.75' })).flags).toContain('NET_TOTAL_MISMATCH');
    expect(checkInvoice(invoice({ netTotal: null })).flags).toContain('NET_TOTAL_MISMATCH');
    expect(checkInvoice(invoice()).flags).not.toContain('NET_TOTAL_MISMATCH');
  });

  it('VAT_TOTAL_MISMATCH: a rate off by more than one öre, a total that is not the sum, or no VAT at all', () => {
    const offByOne = invoice({
      vatBreakdown: [
        { rate: '6', base: '506.76', vat: '30.40' },
        { rate: '25', base: '447.00', vat: '111.75' },
      ],
      vatTotal: '142.15',
      roundingAmount: '0.09',
      amountDue: '1096.00',
    });
    expect(checkInvoice(offByOne).flags).not.toContain('VAT_TOTAL_MISMATCH');
    const offByTwo = invoice({
      vatBreakdown: [
        { rate: '6', base: '506.76', vat: '30.39' },
        { rate: '25', base: '447.00', vat: '111.75' },
      ],
      vatTotal: '142.14',
      roundingAmount: '0.10',
    });
    expect(checkInvoice(offByTwo).flags).toContain('VAT_TOTAL_MISMATCH');
    expect(checkInvoice(invoice({ vatTotal: '142.17' })).flags).toContain('VAT_TOTAL_MISMATCH');
    expect(checkInvoice(invoice({ vatTotal: null, vatBreakdown: [] })).flags).toContain('VAT_TOTAL_MISMATCH');
    expect(checkInvoice(invoice({ vatTotal: null })).flags).toEqual([]);
  });

  it('VAT_BASE_MISMATCH: a rate whose base is not the sum of its lines', () => {
    // Line 1 misread as 12 % (a rate the summary also prints): each rate's VAT and every total still add up.
    const misreadRate = invoice({
      lines: [line({ vatRate: '12' }), ...invoice().lines.slice(1)],
      vatBreakdown: [
        { rate: '6', base: '506.76', vat: '30.41' },
        { rate: '12', base: '0.00', vat: '0.00' },
        { rate: '25', base: '447.00', vat: '111.75' },
      ],
    });
    expect(checkInvoice(misreadRate).flags).toEqual(['VAT_BASE_MISMATCH']);
    // A taxable amount moved between rates (as XML may state it), VAT recomputed to match: only the base check sees it.
    // 6 % of 406.76 = 24.4056 → 24.41; 25 % of 547.00 = 136.75; total 161.16; 953.76 + 161.16 = 1114.92 → 1115.
    const wrongBase = invoice({
      vatBreakdown: [
        { rate: '6', base: '406.76', vat: '24.41' },
        { rate: '25', base: '547.00', vat: '136.75' },
      ],
      vatTotal: '161.16',
      amountDue: '1115.00',
    });
    expect(checkInvoice(wrongBase).flags).toEqual(['VAT_BASE_MISMATCH']);
    // A breakdown rate with no lines at it.
    expect(
      checkInvoice(
        invoice({
          vatBreakdown: [...invoice().vatBreakdown, { rate: '12', base: '100.00', vat: '12.00' }],
          vatTotal: '154.16',
          roundingAmount: '0.08',
          amountDue: '1108.00',
        }),
      ).flags,
    ).toEqual(['VAT_BASE_MISMATCH']);
  });

  it('VAT_BASE_MISMATCH is not raised when rates compare by value, lines share a rate, or it cannot be known', () => {
    const twoAtSix = invoice({
      lines: [
        line(),
        line({ position: 2, quantity: '1', unitPrice: '93.24', lineTotal: '93.24', vatRate: '6.00' }),
        invoice().lines[1] as ExtractedLine,
      ],
      // 6 % of 600.00 = 36.00; net 1047.00; VAT 147.75; 1194.75 → 1195.
      vatBreakdown: [
        { rate: '6.0', base: '600.00', vat: '36.00' },
        { rate: '25', base: '447.00', vat: '111.75' },
      ],
      netTotal: '1047.00',
      vatTotal: '147.75',
      roundingAmount: '0.25',
      amountDue: '1195.00',
    });
    expect(checkInvoice(twoAtSix).flags).toEqual([]);
    // The second 6 % line counted at 25 %: 25 % of 540.24 = 135.06; VAT 165.47; 1212.47 → 1212.
    const countedAtTwentyFive = {
      ...twoAtSix,
      vatBreakdown: [
        { rate: '6', base: '506.76', vat: '30.41' },
        { rate: '25', base: '540.24', vat: '135.06' },
      ],
      vatTotal: '165.47',
      roundingAmount: '-0.47',
      amountDue: '1212.00',
    };
    expect(checkInvoice(countedAtTwentyFive).flags).toEqual(['VAT_BASE_MISMATCH']);
    // No breakdown printed: nothing to compare (the VAT total alone ties the amounts).
    expect(checkInvoice(invoice({ vatBreakdown: [] })).flags).toEqual([]);
    // A flagged line (a rate outside the breakdown, a missing or misprinted total) already explains the
    // difference, and LINES_FLAGGED keeps the document untrusted.
    const withFirstLine = (overrides: Partial<ExtractedLine>): ExtractedInvoice =>
      invoice({ lines: [line(overrides), ...invoice().lines.slice(1)] });
    expect(checkInvoice(withFirstLine({ vatRate: '12' })).flags).toEqual(['LINES_FLAGGED']);
    expect(checkInvoice(withFirstLine({ vatRate: null })).flags).toEqual(['LINES_FLAGGED']);
    expect(checkInvoice(withFirstLine({ lineTotal: null })).flags).toEqual(['LINES_FLAGGED']);
    expect(checkInvoice(withFirstLine({ lineTotal: '560.76' })).flags).toEqual([
      'NET_TOTAL_MISMATCH',
      'LINES_FLAGGED',
    ]);
  });

  it('VAT_BASE_MISMATCH on a credit note printed negative, once its signs are normalised', () => {
    const negate = (value: string): string => `-${value}`;
    const base = invoice();
    const printed = (lines: ExtractedLine[]): ExtractedInvoice =>
      invoice({
        documentType: 'credit_note',
        creditedInvoiceNumber: '2026-10400',
        lines: lines.map((entry) => ({
          ...entry,
          quantity: entry.quantity === null ? null : negate(entry.quantity),
          lineTotal: entry.lineTotal === null ? null : negate(entry.lineTotal),
        })),
        vatBreakdown: base.vatBreakdown.map((entry) => ({
          ...entry,
          base: negate(entry.base),
          vat: negate(entry.vat),
        })),
        netTotal: '-953.76',
        vatTotal: '-142.16',
        roundingAmount: '-0.08',
        amountDue: '-1096.00',
      });
    expect(checkInvoice(normaliseCreditNoteSigns(printed(base.lines))).flags).toEqual([]);
    const swapped = base.lines.map((entry) => ({ ...entry, vatRate: entry.vatRate === '6' ? '25' : '6' }));
    expect(checkInvoice(normaliseCreditNoteSigns(printed(swapped))).flags).toEqual(['VAT_BASE_MISMATCH']);
  });

  it('AMOUNT_DUE_MISMATCH: net + VAT + rounding is not the amount due', () => {
    expect(checkInvoice(invoice({ amountDue: '1095.92', roundingAmount: null })).flags).toEqual([]);
    expect(checkInvoice(invoice({ amountDue: '1097.00' })).flags).toEqual(['AMOUNT_DUE_MISMATCH']);
  });

  it('ROUNDING_INVALID: a krona or more, or not what rounding to whole kronor gives; 0.00 means not rounded', () => {
    expect(checkInvoice(invoice({ roundingAmount: '1.08', amountDue: '1097.00' })).flags).toEqual([
      'ROUNDING_INVALID',
    ]);
    expect(checkInvoice(invoice({ roundingAmount: '-0.92', amountDue: '1095.00' })).flags).toEqual([
      'ROUNDING_INVALID',
    ]);
    expect(checkInvoice(invoice({ roundingAmount: '0.00', amountDue: '1095.92' })).flags).toEqual([]);
    // 0.50 rounds half-up: 100.50 → 101.
    const half = invoice({
      lines: [line({ quantity: '1', unitPrice: '94.81', lineTotal: '94.81' })],
      vatBreakdown: [{ rate: '6', base: '94.81', vat: '5.69' }],
      netTotal: '94.81',
      vatTotal: '5.69',
      roundingAmount: '0.50',
      amountDue: '101.00',
    });
    expect(checkInvoice(half).flags).toEqual([]);
    expect(checkInvoice({ ...half, roundingAmount: '-0.50', amountDue: '100.00' }).flags).toEqual([
      'ROUNDING_INVALID',
    ]);
  });

  it('OCR_REFERENCE_INVALID, ORG_NUMBER_INVALID, BANKGIRO_INVALID, PLUSGIRO_INVALID on a bad check digit', () => {
    expect(checkInvoice(invoice({ ocrReference: '2026051200016' })).flags).toEqual(['OCR_REFERENCE_INVALID']);
    expect(checkInvoice(invoice({ supplierOrgNumber: '556677-8898' })).flags).toEqual(['ORG_NUMBER_INVALID']);
    expect(checkInvoice(invoice({ supplierOrgNumber: 'Godkänd för F-skatt' })).flags).toEqual([
      'ORG_NUMBER_INVALID',
    ]);
    expect(checkInvoice(invoice({ bankgiro: '123-4567' })).flags).toEqual(['BANKGIRO_INVALID']);
    expect(checkInvoice(invoice({ plusgiro: '123456-7' })).flags).toEqual(['PLUSGIRO_INVALID']);
    expect(
      checkInvoice(invoice({ ocrReference: null, supplierOrgNumber: null, bankgiro: null, plusgiro: null }))
        .flags,
    ).toEqual([]);
  });

  it('MISSING_INVOICE_NUMBER, MISSING_INVOICE_DATE, MISSING_AMOUNT_DUE', () => {
    expect(checkInvoice(invoice({ invoiceNumber: null })).flags).toEqual(['MISSING_INVOICE_NUMBER']);
    expect(checkInvoice(invoice({ invoiceNumber: '  ' })).flags).toEqual(['MISSING_INVOICE_NUMBER']);
    expect(checkInvoice(invoice({ invoiceDate: null })).flags).toEqual(['MISSING_INVOICE_DATE']);
    expect(checkInvoice(invoice({ amountDue: null })).flags).toEqual(['MISSING_AMOUNT_DUE']);
  });

  it('NO_LINES and LINES_FLAGGED', () => {
    expect(checkInvoice(invoice({ lines: [] })).flags).toEqual(['NO_LINES']);
    const flaggedLine = checkInvoice(
      invoice({ lines: [line({ flags: ['LOW_CONFIDENCE'] }), ...invoice().lines.slice(1)] }),
    );
    expect(flaggedLine.flags).toEqual(['LINES_FLAGGED']);
    expect(invoiceIsTrusted(flaggedLine)).toBe(false);
  });

  it('orders flags as the model lists them', () => {
    const checked = checkInvoice(
      invoice({ invoiceNumber: null, lines: [], netTotal: '1.00', amountDue: null, bankgiro: '1' }),
    );
    // Net 1.00 + VAT 142.16 = 143.16 rounds by -0.16, not the printed 0.08.
    expect(checked.flags).toEqual([
      'ROUNDING_INVALID',
      'BANKGIRO_INVALID',
      'MISSING_INVOICE_NUMBER',
      'MISSING_AMOUNT_DUE',
      'NO_LINES',
    ]);
  });
});
