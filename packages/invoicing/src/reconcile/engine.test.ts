import { describe, expect, it } from 'vitest';
import { dec } from '@iris/core';
import {
  descriptionOverlap,
  disputedAmount,
  judgeLine,
  judgeLines,
  pairLines,
  parseOrderNumber,
  uninvoicedOrderLines,
  verdict,
  MAX_STORED_PCT,
  type EngineInvoiceLine,
  type EngineOrderLine,
} from './engine.ts';

const tolerances = { priceTolerancePct: dec('0.5'), quantityTolerancePct: dec('0.5') };

function invoiceLine(overrides: Partial<EngineInvoiceLine> = {}): EngineInvoiceLine {
  return {
    id: 'i1',
    position: 1,
    articleNumber: '100067',
    gtin: null,
    description: 'Vispgrädde 36% 1 l',
    quantity: dec('12'),
    unitPrice: dec('42.23'),
    vatRate: dec('6'),
    lineTotal: dec('506.76'),
    flags: [],
    accepted: false,
    ...overrides,
  };
}

function orderLine(overrides: Partial<EngineOrderLine> = {}): EngineOrderLine {
  return {
    id: 'o1',
    productId: 'p1',
    sku: '100067',
    gtin: '7310865004703',
    substituteSku: null,
    substituteGtin: null,
    name: 'Vispgrädde 36 % 1 l',
    quantity: dec('12'),
    confirmedQuantity: null,
    receivedQuantity: null,
    discrepancyReason: null,
    unitPrice: dec('42.23'),
    vatRate: dec('6'),
    ...overrides,
  };
}

describe('parseOrderNumber', () => {
  it.each([
    ['IR-000123', 123],
    ['ir123', 123],
    ['000123', 123],
    ['123', 123],
    [' IR 42 ', 42],
    ['PO-123', null],
    ['IR-', null],
    ['', null],
    [null, null],
    ['0', null],
  ])('%s → %s', (reference, expected) => {
    expect(parseOrderNumber(reference)).toBe(expected);
  });
});

describe('pairLines', () => {
  it('pairs by article number, GTIN or a substitute SKU, each order line once', () => {
    const lines = [
      invoiceLine({ id: 'a', articleNumber: '100067' }),
      invoiceLine({ id: 'b', articleNumber: '100067', description: 'something else entirely' }),
      invoiceLine({ id: 'c', articleNumber: null, gtin: '7310000000001', description: 'x' }),
      invoiceLine({ id: 'd', articleNumber: 'SUB-9', description: 'y' }),
    ];
    const orders = [
      orderLine({ id: 'o1' }),
      orderLine({ id: 'o2', sku: '200', gtin: '7310000000001', name: 'Smör' }),
      orderLine({ id: 'o3', sku: '300', gtin: null, substituteSku: 'sub-9', name: 'Mjöl' }),
    ];
    const pairs = pairLines(lines, orders);
    expect(pairs.get('a')?.id).toBe('o1');
    expect(pairs.has('b')).toBe(false);
    expect(pairs.get('c')?.id).toBe('o2');
    expect(pairs.get('d')?.id).toBe('o3');
  });

  it('falls back to the description, ignoring case and diacritics', () => {
    const pairs = pairLines(
      [invoiceLine({ id: 'a', articleNumber: 'X-1', description: 'VISPGRADDE 36% 1 L' })],
      [
        orderLine({ id: 'o1', name: 'Vispgrädde 36% 1 l' }),
        orderLine({ id: 'o2', sku: 'Z', name: 'Potatis' }),
      ],
    );
    expect(pairs.get('a')?.id).toBe('o1');
    expect(descriptionOverlap('Potatis fast 10 kg', 'Gul lök 10 kg')).toBeLessThan(0.6);
  });
});

describe('judgeLine', () => {
  it('matches within tolerance and records the deviations', () => {
    const result = judgeLine(invoiceLine({ unitPrice: dec('42.40') }), orderLine(), tolerances);
    expect(result.outcome).toBe('matched');
    expect(result.priceDeviationPct?.toFixed(3)).toBe('0.403');
    expect(result.quantityDeviationPct?.toFixed(3)).toBe('0.000');
  });

  it('computes no deviation from a flagged (unreadable) line', () => {
    const result = judgeLine(
      invoiceLine({ unitPrice: dec('9000'), flags: ['LOW_CONFIDENCE'] }),
      orderLine({ unitPrice: dec('0.50') }),
      tolerances,
    );
    expect(result.outcome).toBe('unreadable');
    expect(result.priceDeviationPct).toBeNull();
    expect(result.quantityDeviationPct).toBeNull();
    expect(result.orderLineId).toBe('o1');
  });

  it('clamps a deviation beyond what the column holds (±999 999.999 %)', () => {
    const price = judgeLine(
      invoiceLine({ unitPrice: dec('9000') }),
      orderLine({ unitPrice: dec('0.5') }),
      tolerances,
    );
    expect(price.outcome).toBe('price_deviation');
    expect(price.priceDeviationPct?.toFixed(3)).toBe(MAX_STORED_PCT.toFixed(3));
    const quantity = judgeLine(invoiceLine({ quantity: dec('200000') }), orderLine(), tolerances);
    expect(quantity.outcome).toBe('quantity_deviation');
    expect(quantity.quantityDeviationPct?.toFixed(3)).toBe('999999.999');
    const below = judgeLine(invoiceLine({ quantity: dec('-200000') }), orderLine(), tolerances);
    expect(below.quantityDeviationPct?.toFixed(3)).toBe('-999999.999');
  });

  it('flags a price beyond tolerance', () => {
    const result = judgeLine(invoiceLine({ unitPrice: dec('42.66') }), orderLine(), tolerances);
    expect(result.outcome).toBe('price_deviation');
    expect(result.priceDeviationPct?.toFixed(3)).toBe('1.018');
  });

  it('compares the quantity with what was received, else confirmed, else ordered', () => {
    expect(judgeLine(invoiceLine(), orderLine({ confirmedQuantity: dec('10') }), tolerances).outcome).toBe(
      'quantity_deviation',
    );
    expect(
      judgeLine(
        invoiceLine({ quantity: dec('10') }),
        orderLine({ confirmedQuantity: dec('12'), receivedQuantity: dec('10') }),
        tolerances,
      ).outcome,
    ).toBe('matched');
  });

  it('takes the first outcome that applies', () => {
    expect(judgeLine(invoiceLine({ flags: ['ARITHMETIC_MISMATCH'] }), null, tolerances).outcome).toBe(
      'unreadable',
    );
    expect(judgeLine(invoiceLine(), null, tolerances).outcome).toBe('not_ordered');
    expect(judgeLine(invoiceLine(), orderLine({ receivedQuantity: dec('0') }), tolerances).outcome).toBe(
      'not_delivered',
    );
    expect(judgeLine(invoiceLine(), orderLine({ discrepancyReason: 'missing' }), tolerances).outcome).toBe(
      'not_delivered',
    );
    expect(
      judgeLine(invoiceLine({ quantity: dec('13'), unitPrice: dec('50') }), orderLine(), tolerances).outcome,
    ).toBe('quantity_deviation');
    expect(judgeLine(invoiceLine({ vatRate: dec('12') }), orderLine(), tolerances).outcome).toBe(
      'vat_mismatch',
    );
  });

  it('uses wider tolerances when given', () => {
    const wide = { priceTolerancePct: dec('2'), quantityTolerancePct: dec('0.5') };
    expect(judgeLine(invoiceLine({ unitPrice: dec('42.66') }), orderLine(), wide).outcome).toBe('matched');
  });
});

describe('judgeLines and uninvoicedOrderLines', () => {
  it('reports delivered order lines no invoice line bills', () => {
    const orders = [orderLine(), orderLine({ id: 'o2', sku: '2', gtin: null, name: 'Smör' })];
    const results = judgeLines([invoiceLine()], orders, tolerances);
    expect(results.map((result) => result.outcome)).toEqual(['matched']);
    expect(uninvoicedOrderLines(orders, results).map((line) => line.id)).toEqual(['o2']);
    expect(
      uninvoicedOrderLines([orders[0]!, { ...orders[1]!, receivedQuantity: dec('0') }], results),
    ).toEqual([]);
  });
});

describe('verdict', () => {
  const clean = {
    documentType: 'invoice' as const,
    supplierFound: true,
    orderFound: true,
    creditRequestFound: false,
    extractionFailed: false,
    documentFlags: [],
    lines: [{ outcome: 'matched' as const, accepted: false }],
    uninvoicedOrderLines: 0,
  };

  it('is matched when nothing is open', () => {
    expect(verdict(clean)).toEqual({ status: 'matched', reasons: [] });
  });

  it('collects every reason', () => {
    expect(
      verdict({
        ...clean,
        supplierFound: false,
        orderFound: false,
        documentFlags: ['OCR_REFERENCE_INVALID'],
        lines: [{ outcome: 'not_ordered', accepted: false }],
      }),
    ).toEqual({
      status: 'needs_review',
      reasons: ['SUPPLIER_UNKNOWN', 'NO_MATCHING_ORDER', 'LINE_DEVIATIONS', 'FLAGGED_FIELDS'],
    });
  });

  it('lets accepted deviations and unbilled order lines through', () => {
    expect(
      verdict({ ...clean, lines: [{ outcome: 'price_deviation', accepted: true }], uninvoicedOrderLines: 2 }),
    ).toEqual({ status: 'matched', reasons: ['ORDER_LINES_NOT_INVOICED'] });
  });

  it('treats LINES_FLAGGED as the lines’ business', () => {
    expect(verdict({ ...clean, documentFlags: ['LINES_FLAGGED'] }).status).toBe('matched');
  });

  it('wants a credit request for a credit note', () => {
    const note = { ...clean, documentType: 'credit_note' as const, orderFound: false, lines: [] };
    expect(verdict(note)).toEqual({ status: 'needs_review', reasons: ['CREDIT_NOTE_UNEXPECTED'] });
    expect(verdict({ ...note, creditRequestFound: true })).toEqual({ status: 'matched', reasons: [] });
  });

  it('names why a referenced order was not matched instead of NO_MATCHING_ORDER', () => {
    const unmatched = {
      ...clean,
      orderFound: false,
      lines: [{ outcome: 'not_ordered' as const, accepted: false }],
    };
    expect(verdict({ ...unmatched, orderConflict: 'ORDER_ALREADY_INVOICED' }).reasons).toEqual([
      'ORDER_ALREADY_INVOICED',
      'LINE_DEVIATIONS',
    ]);
    expect(verdict({ ...unmatched, orderConflict: 'SUPPLIER_MISMATCH' }).reasons).toEqual([
      'SUPPLIER_MISMATCH',
      'LINE_DEVIATIONS',
    ]);
    expect(verdict({ ...unmatched, duplicate: true })).toEqual({
      status: 'needs_review',
      reasons: ['DUPLICATE_INVOICE', 'LINE_DEVIATIONS'],
    });
  });

  it('keeps a duplicate or a credit note of another amount in review', () => {
    const note = { ...clean, documentType: 'credit_note' as const, orderFound: false, lines: [] };
    expect(verdict({ ...note, creditAmountDiffers: true })).toEqual({
      status: 'needs_review',
      reasons: ['CREDIT_NOTE_AMOUNT_DIFFERS'],
    });
    expect(verdict({ ...note, duplicate: true }).reasons).toEqual(['DUPLICATE_INVOICE']);
    // Matching lines do not make a duplicate invoice matched.
    expect(verdict({ ...clean, duplicate: true }).status).toBe('needs_review');
  });

  it('keeps a failed extraction in review', () => {
    expect(verdict({ ...clean, extractionFailed: true }).reasons).toContain('EXTRACTION_FAILED');
  });
});

describe('disputedAmount', () => {
  const base = {
    quantity: dec('12'),
    unitPrice: dec('42.66'),
    lineTotal: dec('511.92'),
    expectedUnitPrice: dec('42.23'),
    expectedQuantity: dec('12'),
  };
  it('is billed minus expected', () => {
    expect(disputedAmount({ ...base, outcome: 'price_deviation' }).toFixed(2)).toBe('5.16');
    expect(
      disputedAmount({
        ...base,
        outcome: 'quantity_deviation',
        unitPrice: dec('42.23'),
        lineTotal: dec('591.22'),
        quantity: dec('14'),
        expectedQuantity: dec('12'),
      }).toFixed(2),
    ).toBe('84.46');
  });
  it('is the whole line for lines not ordered or not delivered', () => {
    expect(disputedAmount({ ...base, outcome: 'not_ordered' }).toFixed(2)).toBe('511.92');
    expect(disputedAmount({ ...base, outcome: 'not_delivered' }).toFixed(2)).toBe('511.92');
  });
});
