import { describe, expect, it } from 'vitest';
import { Prisma } from '@iris/db';
import { buildCartView } from './cart-view.ts';
import type { CartContext, CartLineRow, OpenCart } from './cart.repository.ts';
import { DEFAULT_ORDER_CUTOFF } from './calendar/index.ts';

const SUPPLIER = '11111111-1111-4111-8111-111111111111';
const RESTAURANT = '22222222-2222-4222-8222-222222222222';
/** Wednesday 25 March 2026, 09:00 CET. */
const NOW = new Date('2026-03-25T08:00:00.000Z');

const context = (overrides: Partial<CartContext> = {}): CartContext => ({
  supplierName: 'Grossist Syd',
  orderCutoff: {},
  relationshipStatus: 'active',
  deliveryDays: [],
  minimumOrderValue: new Prisma.Decimal(0),
  currency: 'SEK',
  product: null,
  ...overrides,
});

let lineNo = 0;
const line = (overrides: Partial<CartLineRow> = {}): CartLineRow => {
  lineNo += 1;
  return {
    lineId: `00000000-0000-4000-8000-${String(lineNo).padStart(12, '0')}`,
    productId: `10000000-0000-4000-8000-${String(lineNo).padStart(12, '0')}`,
    quantity: new Prisma.Decimal('2'),
    sku: `SKU${lineNo}`,
    gtin: null,
    name: `Produkt ${lineNo}`,
    unit: 'st',
    packSize: null,
    vatClass: 'food',
    stockStatus: 'in_stock',
    active: true,
    productDeleted: false,
    productSupplierId: SUPPLIER,
    resolvedPrice: new Prisma.Decimal('50.000'),
    priceSource: 'base',
    listPrice: new Prisma.Decimal('50.000'),
    ...overrides,
  };
};

const cart = (lines: CartLineRow[], requested: string | null = null): OpenCart => ({
  header: {
    id: '33333333-3333-4333-8333-333333333333',
    requestedDeliveryDate: requested ? new Date(`${requested}T00:00:00.000Z`) : null,
    deliveryAddressId: null,
    note: null,
    createdAt: NOW,
    updatedAt: NOW,
  },
  lines,
});

const view = (ctx: CartContext, open: OpenCart | null) =>
  buildCartView({
    restaurantId: RESTAURANT,
    supplierId: SUPPLIER,
    context: ctx,
    cutoff: DEFAULT_ORDER_CUTOFF,
    cart: open,
    now: NOW,
  });

describe('buildCartView', () => {
  it('no cart: an empty view with the next possible date', () => {
    const result = view(context(), null);
    expect(result.cartId).toBeNull();
    expect(result.blockers.map((b) => b.code)).toEqual(['EMPTY']);
    expect(result.checkoutable).toBe(false);
    // Thursday 26 March: its cut-off is Wednesday 14:00, not passed at 09:00.
    expect(result.deliveryDate).toMatchObject({ date: '2026-03-26', requested: false });
  });

  it('totals with VAT per rate at the delivery date; checkoutable when nothing blocks', () => {
    const result = view(
      context(),
      cart(
        [
          line({
            quantity: new Prisma.Decimal('3'),
            resolvedPrice: new Prisma.Decimal('39.995'),
            priceSource: 'contract',
          }),
          line({ vatClass: 'standard' }),
        ],
        '2026-04-07',
      ),
    );
    expect(result.lines.map((l) => [l.priceSource, l.vatRate.toFixed(2), l.lineTotal?.toFixed(2)])).toEqual([
      ['contract', '6.00', '119.99'],
      ['base', '25.00', '100.00'],
    ]);
    expect(result.total.toFixed(2)).toBe('252.19'); // 219.99 + 7.20 + 25.00
    expect(result.deliveryDate).toMatchObject({
      date: '2026-04-07',
      requested: true,
      orderDate: '2026-04-02',
    });
    expect(result.blockers).toEqual([]);
    expect(result.checkoutable).toBe(true);
  });

  it('food VAT before April 2026 is 12 %', () => {
    const result = view(context(), cart([line()], '2026-03-31'));
    expect(result.lines[0]?.vatRate.toFixed(2)).toBe('12.00');
  });

  it('a customer that is not active sees why, and no prices', () => {
    const result = view(
      context({ relationshipStatus: 'blocked', minimumOrderValue: new Prisma.Decimal('1000') }),
      cart([line()]),
    );
    expect(result.blockers.map((b) => b.code)).toEqual(['CUSTOMER_NOT_ACTIVE']);
    expect(result.lines[0]?.unitPrice).toBeNull();
    expect(result.subtotal.toFixed(2)).toBe('0.00');
  });

  it('lists every blocker: inactive, unpriced, below minimum, date not available', () => {
    const inactive = line({ active: false });
    const unpriced = line({ resolvedPrice: null, priceSource: null });
    const result = view(
      context({ minimumOrderValue: new Prisma.Decimal('1000') }),
      cart([line(), inactive, unpriced], '2026-04-06'),
    );
    expect(result.blockers.map((b) => [b.code, b.productId])).toEqual([
      ['DELIVERY_DATE_NOT_AVAILABLE', undefined],
      ['PRODUCT_INACTIVE', inactive.productId],
      ['PRICE_NOT_AVAILABLE', unpriced.productId],
      ['BELOW_MINIMUM', undefined],
    ]);
    expect(result.blockers[0]?.message).toContain('Annandag påsk');
    expect(result.lines[2]?.lineTotal).toBeNull();
    expect(result.checkoutable).toBe(false);
  });

  it('a requested date whose cut-off has passed blocks checkout', () => {
    const result = view(context(), cart([line()], '2026-03-25'));
    expect(result.blockers.map((b) => b.code)).toEqual(['DELIVERY_DATE_NOT_AVAILABLE']);
    expect(result.deliveryDate).toBeNull();
  });

  it('out of stock shows, but does not block', () => {
    const result = view(context(), cart([line({ stockStatus: 'out_of_stock' })]));
    expect(result.lines[0]?.inStock).toBe(false);
    expect(result.checkoutable).toBe(true);
  });
});
