import { dec } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { computeDemand, costDish } from './costing.ts';

const str = (value: { toFixed(dp?: number): string } | null) => (value === null ? null : value.toFixed());

describe('costDish', () => {
  it('sums quantity × price per portion, rounds once to öre, and compares with the price excl. 12 % VAT', () => {
    const costing = costDish(
      [
        // 180 g salmon at 289.90/kg = 52.182; 0.0125 l cream at 41.333/l = 0.5166625; 1 lemon at 4.5
        { productId: 'salmon', quantityPerPortion: dec('0.18'), unitPrice: dec('289.90') },
        { productId: 'cream', quantityPerPortion: dec('0.0125'), unitPrice: dec('41.333') },
        { productId: 'lemon', quantityPerPortion: dec('1'), unitPrice: dec('4.5') },
      ],
      dec('245.00'),
      dec('12'),
    );
    expect(costing.lines.map((line) => str(line.cost))).toEqual(['52.182', '0.5166625', '4.5']);
    expect(str(costing.costPerPortion)).toBe('57.2'); // 57.1986625 → 57.20
    expect(costing.complete).toBe(true);
    expect(str(costing.salesPriceExVat)).toBe('218.75'); // 245 / 1.12
    expect(str(costing.grossMargin)).toBe('161.55');
    expect(str(costing.marginPercent)).toBe('73.9'); // 161.55 / 218.75 = 73.85 %
    expect(str(costing.foodCostPercent)).toBe('26.1');
  });

  it('says it is incomplete when an ingredient has no price, and counts the priced ones', () => {
    const costing = costDish(
      [
        { productId: 'a', quantityPerPortion: dec('2'), unitPrice: dec('10') },
        { productId: 'b', quantityPerPortion: dec('1'), unitPrice: null },
      ],
      null,
      dec('12'),
    );
    expect(costing.complete).toBe(false);
    expect(str(costing.costPerPortion)).toBe('20');
    expect(costing.lines[1]?.cost).toBeNull();
    expect(costing.salesPriceExVat).toBeNull();
    expect(costing.marginPercent).toBeNull();
  });

  it('a dish without ingredients costs nothing; a zero sales price has no percentages', () => {
    const costing = costDish([], dec('0'), dec('12'));
    expect(str(costing.costPerPortion)).toBe('0');
    expect(costing.complete).toBe(true);
    expect(str(costing.grossMargin)).toBe('0');
    expect(costing.marginPercent).toBeNull();
    expect(costing.foodCostPercent).toBeNull();
  });
});

describe('computeDemand', () => {
  const recipes = new Map([
    [
      'pasta',
      [
        { productId: 'spaghetti', quantityPerPortion: dec('0.125') },
        { productId: 'parmesan', quantityPerPortion: dec('0.0150') },
      ],
    ],
    [
      'risotto',
      [
        { productId: 'rice', quantityPerPortion: dec('0.09') },
        { productId: 'parmesan', quantityPerPortion: dec('0.0225') },
      ],
    ],
    ['salad', []],
  ]);
  const products = new Map([
    ['spaghetti', { productId: 'spaghetti', unit: 'kg', unitPrice: dec('24.50') }],
    ['parmesan', { productId: 'parmesan', unit: 'kg', unitPrice: dec('219.333') }],
    ['rice', { productId: 'rice', unit: 'kg', unitPrice: null }],
  ]);

  it('adds up every dish that uses a product, in the product’s unit, with an estimated cost', () => {
    const demand = computeDemand(
      [
        { menuItemId: 'pasta', portions: dec(40) },
        { menuItemId: 'risotto', portions: dec(20) },
        { menuItemId: 'salad', portions: dec(100) },
      ],
      recipes,
      products,
    );
    expect(
      demand.products.map((p) => ({
        productId: p.productId,
        unit: p.unit,
        quantity: str(p.quantity),
        cost: str(p.estimatedCost),
        usedBy: p.usedBy.map((u) => [u.menuItemId, str(u.quantity)]),
      })),
    ).toEqual([
      { productId: 'spaghetti', unit: 'kg', quantity: '5', cost: '122.5', usedBy: [['pasta', '5']] },
      {
        productId: 'parmesan',
        unit: 'kg',
        // 40 × 0.015 + 20 × 0.0225 = 0.6 + 0.45
        quantity: '1.05',
        cost: '230.3', // 1.05 × 219.333 = 230.29965
        usedBy: [
          ['pasta', '0.6'],
          ['risotto', '0.45'],
        ],
      },
      { productId: 'rice', unit: 'kg', quantity: '1.8', cost: null, usedBy: [['risotto', '1.8']] },
    ]);
    expect(str(demand.estimatedTotal)).toBe('352.8');
    expect(demand.complete).toBe(false);
  });

  it('counts a dish listed twice twice and ignores zero portions', () => {
    const demand = computeDemand(
      [
        { menuItemId: 'pasta', portions: dec(1) },
        { menuItemId: 'pasta', portions: dec(3) },
        { menuItemId: 'risotto', portions: dec(0) },
      ],
      recipes,
      products,
    );
    expect(demand.products.map((p) => [p.productId, str(p.quantity)])).toEqual([
      ['spaghetti', '0.5'],
      ['parmesan', '0.06'],
    ]);
    expect(demand.complete).toBe(true);
  });

  it('nothing planned: no demand', () => {
    expect(computeDemand([], recipes, products)).toMatchObject({ products: [], complete: true });
  });
});
