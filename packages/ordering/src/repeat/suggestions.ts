import type { Dec } from '@iris/core';

/** How far back suggestions look. */
export const SUGGESTION_WINDOW_DAYS = 90;
/** An order this many days old counts half as much as one placed today. */
export const SUGGESTION_HALF_LIFE_DAYS = 30;

const DAY_MS = 86_400_000;

/** One order's quantity of one product. */
export interface OrderedLine {
  productId: string;
  orderId: string;
  submittedAt: Date;
  quantity: Dec;
}

export interface Suggestion {
  productId: string;
  /** In how many orders of the window the product was. */
  orderCount: number;
  lastOrderedAt: Date;
  /** The median quantity per order: what a usual order of it looks like. */
  typicalQuantity: Dec;
  /**
   * Frequency and recency in one number: each order counts 0.5^(age in days / half-life), so a product
   * ordered weekly outranks one ordered once, and of two ordered as often the more recent ranks first.
   */
  score: number;
}

/** The median, half-way between the two middle values for an even count, to 3 decimals. */
export function median(values: readonly Dec[]): Dec {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).div(2);
  return value.toDecimalPlaces(3);
}

/**
 * Ranks what a restaurant ordered (lines of the window, already filtered to orders that count and
 * products still sold) by score, then last order, then product id (a stable order for equal scores).
 */
export function rankSuggestions(
  lines: readonly OrderedLine[],
  now: Date,
  halfLifeDays: number = SUGGESTION_HALF_LIFE_DAYS,
): Suggestion[] {
  const byProduct = new Map<string, { orders: Set<string>; last: Date; quantities: Dec[]; score: number }>();
  for (const line of lines) {
    const entry = byProduct.get(line.productId) ?? {
      orders: new Set<string>(),
      last: line.submittedAt,
      quantities: [],
      score: 0,
    };
    if (!entry.orders.has(line.orderId)) {
      entry.orders.add(line.orderId);
      const ageDays = Math.max(0, now.getTime() - line.submittedAt.getTime()) / DAY_MS;
      entry.score += 0.5 ** (ageDays / halfLifeDays);
    }
    entry.quantities.push(line.quantity);
    if (line.submittedAt > entry.last) entry.last = line.submittedAt;
    byProduct.set(line.productId, entry);
  }
  return [...byProduct]
    .map(([productId, entry]) => ({
      productId,
      orderCount: entry.orders.size,
      lastOrderedAt: entry.last,
      typicalQuantity: median(entry.quantities),
      score: entry.score,
    }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.lastOrderedAt.getTime() - a.lastOrderedAt.getTime() ||
        (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0),
    );
}
