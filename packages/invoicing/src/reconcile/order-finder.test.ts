import { describe, expect, it } from 'vitest';
import { referenceFits } from './order-finder.ts';

describe('referenceFits', () => {
  const order = { supplierId: 'sup-a' };

  it('trusts the order reference for the supplier when no organisation number was read', () => {
    expect(referenceFits({ supplierId: null, candidates: [], orgNumberRead: false }, order)).toBe(true);
    expect(referenceFits({ supplierId: 'sup-a', candidates: [], orgNumberRead: false }, order)).toBe(true);
  });

  it('refuses an order of another supplier than the customer number names', () => {
    expect(referenceFits({ supplierId: 'sup-b', candidates: [], orgNumberRead: false }, order)).toBe(false);
  });

  it('refuses an order when the organisation number read names no supplier or another one', () => {
    expect(referenceFits({ supplierId: null, candidates: [], orgNumberRead: true }, order)).toBe(false);
    expect(referenceFits({ supplierId: 'sup-b', candidates: ['sup-b'], orgNumberRead: true }, order)).toBe(
      false,
    );
  });

  it('lets the order pick among suppliers sharing the organisation number', () => {
    expect(
      referenceFits({ supplierId: null, candidates: ['sup-a', 'sup-b'], orgNumberRead: true }, order),
    ).toBe(true);
  });
});
