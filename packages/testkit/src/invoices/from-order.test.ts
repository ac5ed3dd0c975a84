import { dec } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { loadSwedishCatalog } from '../catalog.ts';
import { truthFromOrder, type OrderForInvoice } from './from-order.ts';
import { isValidOcrReference } from './truth.ts';

const order: OrderForInvoice = {
  number: 123,
  customerNumber: '10442',
  requestedDeliveryDate: new Date('2026-05-12T00:00:00Z'),
  lines: [
    {
      lineNo: 1,
      sku: '100067',
      gtin: '7391453416535',
      name: 'Vispgrädde 36% 1 l',
      unit: 'st',
      quantity: '12.000',
      unitPrice: '42.230',
      vatRate: '6.00',
    },
    {
      lineNo: 2,
      sku: '102327',
      name: 'Västerbottensost 35% ca 1,5 kg',
      unit: 'kg',
      quantity: '2.345',
      unitPrice: '267.24',
      vatRate: '6.00',
    },
    {
      lineNo: 3,
      sku: '118010',
      name: 'Mineralvatten kolsyrat 24 x 33 cl',
      unit: 'fp',
      quantity: 4,
      unitPrice: 90.63,
      vatRate: 25,
    },
    {
      lineNo: 4,
      sku: '100090',
      name: 'Vispgrädde 36% 5 l',
      unit: 'st',
      quantity: '2',
      unitPrice: '215.46',
      vatRate: '6',
    },
    {
      lineNo: 5,
      sku: '100110',
      name: 'Vispgrädde 36% 1 l',
      unit: 'st',
      quantity: '6',
      unitPrice: '41.34',
      vatRate: '6',
    },
  ],
};

describe('truthFromOrder', () => {
  it('bills the order exactly when there are no deviations', () => {
    const { truth, expected } = truthFromOrder(order, [], { seed: 3, template: 'grossist-syd' });
    expect(truth).toMatchObject({
      orderReference: 'IR-000123',
      deliveryDate: '2026-05-12',
      invoiceDate: '2026-05-12',
      buyer: { customerNumber: '10442' },
    });
    expect(
      truth.lines.map((line) => [line.articleNumber, line.quantity, line.unitPrice, line.vatRate]),
    ).toEqual([
      ['100067', '12', '42.23', '6'],
      ['102327', '2.345', '267.24', '6'],
      ['118010', '4', '90.63', '25'],
      ['100090', '2', '215.46', '6'],
      ['100110', '6', '41.34', '6'],
    ]);
    expect(truth.lines[1]?.lineTotal).toBe('626.68');
    expect(expected.every((entry) => entry.outcome === 'matched')).toBe(true);
    expect(isValidOcrReference(truth.ocrReference, { lengthDigit: true })).toBe(true);
  });

  it('injects each kind of deviation and says what reconciliation should find', () => {
    const extra = loadSwedishCatalog().find((product) => product.sku === '102436')!;
    const { truth, expected, deviations } = truthFromOrder(
      order,
      [
        { kind: 'price_change', sku: '100067', percent: 10 },
        { kind: 'quantity_change', sku: '102327', quantity: '2.100' },
        { kind: 'dropped_line', sku: '118010' },
        { kind: 'vat_rate_change', sku: '100090', vatRate: '12' },
        { kind: 'extra_line', product: extra, quantity: 2 },
      ],
      { seed: 4 },
    );
    expect(deviations).toHaveLength(5);
    expect(truth.lines.map((line) => line.articleNumber)).toEqual([
      '100067',
      '102327',
      '100090',
      '100110',
      '102436',
    ]);
    expect(truth.lines[0]?.unitPrice).toBe('46.453');
    expect(truth.lines[0]?.lineTotal).toBe(dec('46.453').times(12).toDecimalPlaces(2).toFixed(2));
    expect(truth.lines[1]?.quantity).toBe('2.100');
    expect(truth.lines[2]?.vatRate).toBe('12');
    expect(truth.lines[4]).toMatchObject({ unitPrice: '318.43', quantity: '2.000', vatRate: '6' });
    expect(truth.vatBreakdown.map((row) => row.rate)).toEqual(['12', '6']);
    expect(expected).toEqual([
      { sku: '100067', invoicePosition: 1, orderLineNo: 1, outcome: 'price_deviation' },
      { sku: '102327', invoicePosition: 2, orderLineNo: 2, outcome: 'quantity_deviation' },
      { sku: '100090', invoicePosition: 3, orderLineNo: 4, outcome: 'vat_mismatch' },
      { sku: '100110', invoicePosition: 4, orderLineNo: 5, outcome: 'matched' },
      { sku: '102436', invoicePosition: 5, orderLineNo: null, outcome: 'not_ordered' },
      { sku: '118010', invoicePosition: null, orderLineNo: 3, outcome: 'not_delivered' },
    ]);
  });

  it('draws an extra line from the catalogue when none is given, never one already ordered', () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const { truth, expected } = truthFromOrder(order, [{ kind: 'extra_line' }, { kind: 'extra_line' }], {
        seed,
      });
      const extras = expected.filter((entry) => entry.outcome === 'not_ordered').map((entry) => entry.sku);
      expect(extras).toHaveLength(2);
      expect(new Set(extras).size).toBe(2);
      for (const sku of extras) expect(order.lines.some((line) => line.sku === sku)).toBe(false);
      expect(truth.lines).toHaveLength(7);
    }
  });

  it('rejects deviations that cannot be expressed', () => {
    expect(() => truthFromOrder(order, [{ kind: 'dropped_line', sku: '999' }])).toThrow(/no order line/);
    expect(() =>
      truthFromOrder(order, [
        { kind: 'dropped_line', sku: '100067' },
        { kind: 'price_change', sku: '100067', percent: 5 },
      ]),
    ).toThrow(/more than one/);
    expect(() => truthFromOrder(order, [{ kind: 'price_change', sku: '100067', percent: 0.0001 }])).toThrow(
      RangeError,
    );
    expect(() => truthFromOrder(order, [{ kind: 'quantity_change', sku: '100067', quantity: '12' }])).toThrow(
      RangeError,
    );
    expect(() =>
      truthFromOrder(
        order,
        order.lines.map((line) => ({ kind: 'dropped_line' as const, sku: line.sku })),
      ),
    ).toThrow(/nothing to invoice/);
  });
});
