import { dec } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { median, rankSuggestions, type OrderedLine } from './suggestions.ts';

const now = new Date('2026-05-01T10:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
let orderNo = 0;
const line = (
  productId: string,
  days: number,
  quantity: string,
  orderId = `o${(orderNo += 1)}`,
): OrderedLine => ({
  productId,
  orderId,
  submittedAt: daysAgo(days),
  quantity: dec(quantity),
});

describe('median', () => {
  it('takes the middle value, or half-way between the two middle ones', () => {
    expect(median([dec(5), dec(1), dec(3)]).toFixed()).toBe('3');
    expect(median([dec(4), dec(1), dec('2.5'), dec(10)]).toFixed()).toBe('3.25');
    expect(median([dec('0.001'), dec('0.002')]).toFixed()).toBe('0.002'); // 0.0015 half-up
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('rankSuggestions', () => {
  it('weekly beats once, recent beats old at equal frequency, with median quantity and last order', () => {
    const lines = [
      // milk: every week for 8 weeks
      ...[0, 7, 14, 21, 28, 35, 42, 49].map((d, i) => line('milk', d, i % 2 === 0 ? '12' : '10')),
      // saffron: once, yesterday
      line('saffron', 1, '0.001'),
      // flour: twice, long ago; butter: twice, recently
      line('flour', 80, '25'),
      line('flour', 70, '25'),
      line('butter', 10, '2'),
      line('butter', 3, '4'),
    ];
    const ranked = rankSuggestions(lines, now);
    expect(ranked.map((s) => s.productId)).toEqual(['milk', 'butter', 'saffron', 'flour']);
    const milk = ranked[0]!;
    expect(milk.orderCount).toBe(8);
    expect(milk.typicalQuantity.toFixed()).toBe('11');
    expect(milk.lastOrderedAt).toEqual(now);
    expect(ranked[1]).toMatchObject({ productId: 'butter', orderCount: 2, lastOrderedAt: daysAgo(3) });
    expect(ranked[1]!.typicalQuantity.toFixed()).toBe('3');
    // one order today scores 1, one 30 days ago 0.5
    expect(rankSuggestions([line('a', 0, '1')], now)[0]!.score).toBeCloseTo(1);
    expect(rankSuggestions([line('a', 30, '1')], now)[0]!.score).toBeCloseTo(0.5);
  });

  it('a product twice in one order counts one order (both quantities in the median)', () => {
    const [only] = rankSuggestions([line('egg', 2, '30', 'same'), line('egg', 2, '60', 'same')], now);
    expect(only).toMatchObject({ orderCount: 1 });
    expect(only!.typicalQuantity.toFixed()).toBe('45');
  });

  it('equal scores: the later order first, then the product id', () => {
    const at = daysAgo(5);
    const ranked = rankSuggestions(
      [
        { productId: 'b', orderId: 'x', submittedAt: at, quantity: dec(1) },
        { productId: 'a', orderId: 'y', submittedAt: at, quantity: dec(1) },
      ],
      now,
    );
    expect(ranked.map((s) => s.productId)).toEqual(['a', 'b']);
    expect(rankSuggestions([], now)).toEqual([]);
  });
});
