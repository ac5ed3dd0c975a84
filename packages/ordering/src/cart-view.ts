import { dec, formatAmount, roundUnitPrice, vatRateOn, type Dec } from '@iris/core';
import type { PriceSource } from '@iris/catalog';
import type { OrderCutoff } from '@iris/identity';
import {
  checkDeliveryDate,
  dateFromDb,
  nextDeliveryDates,
  stockholmToday,
  type DeliveryCutoff,
} from './calendar/index.ts';
import type { CartContext, CartLineRow, OpenCart } from './cart.repository.ts';
import {
  documentTotals,
  lineTotal,
  MAX_ORDER_AMOUNT,
  withinAmountLimit,
  type VatBreakdownEntry,
} from './totals.ts';

export const CART_BLOCKER_CODES = [
  'EMPTY',
  'BELOW_MINIMUM',
  'TOO_LARGE',
  'NO_DELIVERY_DATE',
  'DELIVERY_DATE_NOT_AVAILABLE',
  'PRODUCT_INACTIVE',
  'PRICE_NOT_AVAILABLE',
  'CUSTOMER_NOT_ACTIVE',
] as const;
export type CartBlockerCode = (typeof CART_BLOCKER_CODES)[number];

export interface CartBlocker {
  code: CartBlockerCode;
  message: string;
  productId?: string | undefined;
}

export interface CartViewLine {
  lineId: string;
  productId: string;
  sku: string;
  gtin: string | null;
  name: string;
  unit: string;
  packSize: string | null;
  quantity: Dec;
  /** null when no price resolves. */
  unitPrice: Dec | null;
  priceSource: PriceSource | null;
  listPrice: Dec | null;
  lineTotal: Dec | null;
  vatClass: CartLineRow['vatClass'];
  vatRate: Dec;
  /** Active, not deleted, still this supplier's. */
  active: boolean;
  stockStatus: CartLineRow['stockStatus'];
  inStock: boolean;
}

export interface CartView {
  /** null: no open cart (an empty view). */
  cartId: string | null;
  restaurantId: string;
  supplierId: string;
  supplierName: string;
  lines: CartViewLine[];
  vatBreakdown: VatBreakdownEntry[];
  subtotal: Dec;
  vatTotal: Dec;
  total: Dec;
  currency: string;
  minimumOrderValue: Dec;
  /** What the restaurant chose (yyyy-MM-dd), if anything. */
  requestedDeliveryDate: string | null;
  /** The date the order would be for: the requested one, or else the next possible one; with its cut-off. */
  deliveryDate: (DeliveryCutoff & { requested: boolean }) | null;
  deliveryAddressId: string | null;
  note: string | null;
  blockers: CartBlocker[];
  checkoutable: boolean;
  updatedAt: Date | null;
}

/**
 * The cart as the restaurant sees it: prices resolved now, VAT at the rate in force on the delivery date,
 * totals, and everything that would stop a checkout (the same rules placeOrder enforces).
 */
export function buildCartView(input: {
  restaurantId: string;
  supplierId: string;
  context: CartContext;
  cutoff: OrderCutoff;
  cart: OpenCart | null;
  now: Date;
}): CartView {
  const { context, cart, now } = input;
  const blockers: CartBlocker[] = [];
  const active = context.relationshipStatus === 'active';
  if (!active) {
    blockers.push({
      code: 'CUSTOMER_NOT_ACTIVE',
      message:
        context.relationshipStatus === null
          ? `You are not a customer of ${context.supplierName}.`
          : `Your customer account with ${context.supplierName} is ${context.relationshipStatus}.`,
    });
  }

  const requested = cart?.header.requestedDeliveryDate ? dateFromDb(cart.header.requestedDeliveryDate) : null;
  let deliveryDate: CartView['deliveryDate'] = null;
  if (requested) {
    const check = checkDeliveryDate(requested, context.deliveryDays, now, input.cutoff);
    if (check.ok) deliveryDate = { ...check.cutoff, requested: true };
    else {
      blockers.push({
        code: 'DELIVERY_DATE_NOT_AVAILABLE',
        message:
          check.reason === 'CUTOFF_PASSED'
            ? `The cut-off for delivery on ${requested} has passed.`
            : check.reason === 'HOLIDAY'
              ? `No deliveries on ${requested} (${check.holiday.name}).`
              : `No delivery to you on ${requested}.`,
      });
    }
  } else {
    const next = nextDeliveryDates(input.cutoff, context.deliveryDays, now, 1)[0];
    if (next) deliveryDate = { ...next, requested: false };
    else blockers.push({ code: 'NO_DELIVERY_DATE', message: 'There is no delivery date available.' });
  }
  // VAT is the rate in force on the delivery date (today's when none is known yet).
  const vatDate = deliveryDate?.date ?? requested ?? stockholmToday(now);

  const lines = (cart?.lines ?? []).map((row): CartViewLine => {
    const lineActive = row.active && !row.productDeleted && row.productSupplierId === input.supplierId;
    // Prices are for active customers only: a blocked or former customer sees none.
    const unitPrice =
      !active || row.resolvedPrice === null ? null : roundUnitPrice(row.resolvedPrice.toString());
    const quantity = dec(row.quantity.toString());
    if (!lineActive) {
      blockers.push({
        code: 'PRODUCT_INACTIVE',
        message: `${row.name} can no longer be ordered; remove it.`,
        productId: row.productId,
      });
    } else if (unitPrice === null && active) {
      blockers.push({
        code: 'PRICE_NOT_AVAILABLE',
        message: `${row.name} has no price for you.`,
        productId: row.productId,
      });
    }
    return {
      lineId: row.lineId,
      productId: row.productId,
      sku: row.sku,
      gtin: row.gtin,
      name: row.name,
      unit: row.unit,
      packSize: row.packSize,
      quantity,
      unitPrice,
      priceSource: unitPrice === null ? null : row.priceSource,
      listPrice: !active || row.listPrice === null ? null : dec(row.listPrice.toString()),
      lineTotal: unitPrice === null ? null : lineTotal(quantity, unitPrice),
      vatClass: row.vatClass,
      vatRate: vatRateOn(row.vatClass, vatDate),
      active: lineActive,
      stockStatus: row.stockStatus,
      inStock: row.stockStatus !== 'out_of_stock',
    };
  });
  if (lines.length === 0) blockers.unshift({ code: 'EMPTY', message: 'The cart is empty.' });

  const totals = documentTotals(
    lines.flatMap((line) =>
      line.lineTotal === null ? [] : [{ lineTotal: line.lineTotal, vatRate: line.vatRate }],
    ),
  );
  if (!withinAmountLimit(totals)) {
    blockers.push({
      code: 'TOO_LARGE',
      message: `The total is above the largest amount an order can hold (${formatAmount(MAX_ORDER_AMOUNT)} SEK).`,
    });
  }
  const minimumOrderValue = dec(context.minimumOrderValue.toString());
  if (active && lines.length > 0 && totals.subtotal.lessThan(minimumOrderValue)) {
    blockers.push({
      code: 'BELOW_MINIMUM',
      message: `The minimum order value is ${formatAmount(minimumOrderValue)} SEK excl. VAT; ${formatAmount(
        minimumOrderValue.minus(totals.subtotal),
      )} SEK to go.`,
    });
  }

  return {
    cartId: cart?.header.id ?? null,
    restaurantId: input.restaurantId,
    supplierId: input.supplierId,
    supplierName: context.supplierName,
    lines,
    ...totals,
    currency: context.currency,
    minimumOrderValue,
    requestedDeliveryDate: requested,
    deliveryDate,
    deliveryAddressId: cart?.header.deliveryAddressId ?? null,
    note: cart?.header.note ?? null,
    blockers,
    checkoutable: blockers.length === 0,
    updatedAt: cart?.header.updatedAt ?? null,
  };
}
