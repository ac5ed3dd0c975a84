import { z } from 'zod';
import { toStockholmIso } from '@iris/core';
import { CART_BLOCKER_CODES, type CartView, type DeliveryCutoff } from '@iris/ordering';
import { money, unitPrice, ZMoney, ZUnitPrice, ZVatBreakdown } from '../orders/_schemas.ts';

/** Shapes shared by the cart procedures. */

export const ZDeliveryOption = z
  .object({
    date: z.string().meta({ description: 'Delivery date (yyyy-MM-dd)', example: '2026-04-07' }),
    orderDate: z
      .string()
      .meta({ description: 'The day the order must be in by the cut-off', example: '2026-04-02' }),
    cutoffAt: z.iso.datetime().meta({ description: 'The cut-off (UTC)' }),
    cutoffAtLocal: z
      .string()
      .meta({ description: 'The cut-off in Stockholm time', example: '2026-04-02T14:00:00.000+02:00' }),
  })
  .meta({ id: 'DeliveryOption' });

export function toDeliveryOptionJson(cutoff: DeliveryCutoff): z.infer<typeof ZDeliveryOption> {
  return {
    date: cutoff.date,
    orderDate: cutoff.orderDate,
    cutoffAt: cutoff.cutoffAt.toISOString(),
    cutoffAtLocal: toStockholmIso(cutoff.cutoffAt),
  };
}

const ZCartLine = z
  .object({
    lineId: z.uuid(),
    productId: z.uuid(),
    sku: z.string(),
    gtin: z.string().nullable(),
    name: z.string(),
    unit: z.string(),
    packSize: z.string().nullable(),
    quantity: z.string().meta({ description: 'A decimal string with 3 decimals', example: '2.500' }),
    unitPrice: ZUnitPrice.nullable().meta({ description: 'The price you pay now; null when none resolves' }),
    priceSource: z.enum(['contract', 'customer_list', 'base']).nullable(),
    listPrice: ZUnitPrice.nullable().meta({ description: 'The base list price, when there is one' }),
    lineTotal: ZMoney.nullable().meta({ description: 'quantity × unitPrice, rounded to öre, excl. VAT' }),
    vatClass: z.enum(['food', 'standard', 'reduced']),
    vatRate: z.string().meta({ description: 'VAT percent on the delivery date', example: '6.00' }),
    active: z.boolean().meta({ description: 'False: the product can no longer be ordered' }),
    stockStatus: z.enum(['in_stock', 'low_stock', 'out_of_stock']),
    inStock: z.boolean(),
  })
  .meta({ id: 'CartLine' });

export const ZCart = z
  .object({
    cartId: z.uuid().nullable().meta({ description: 'null: no open cart yet (this is an empty view)' }),
    restaurantId: z.uuid(),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    lines: z.array(ZCartLine),
    vatBreakdown: ZVatBreakdown,
    subtotal: ZMoney.meta({ description: 'Excl. VAT' }),
    vatTotal: ZMoney,
    total: ZMoney.meta({ description: 'Incl. VAT' }),
    minimumOrderValue: ZMoney.meta({ description: "The supplier's minimum for you, excl. VAT" }),
    requestedDeliveryDate: z
      .string()
      .nullable()
      .meta({ description: 'What you chose (yyyy-MM-dd), if anything' }),
    deliveryDate: ZDeliveryOption.extend({
      requested: z.boolean().meta({ description: 'False: the next possible date, as none was chosen' }),
    })
      .nullable()
      .meta({ description: 'The delivery the order would be for, with its cut-off' }),
    deliveryAddressId: z.uuid().nullable(),
    note: z.string().nullable(),
    blockers: z
      .array(
        z.object({
          code: z.enum(CART_BLOCKER_CODES),
          message: z.string(),
          productId: z.uuid().optional(),
        }),
      )
      .meta({ description: 'Why the cart cannot be checked out now (empty when it can)' }),
    checkoutable: z.boolean(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Cart' });
export type TCart = z.infer<typeof ZCart>;

export function toCartJson(view: CartView): TCart {
  const currency = view.currency;
  return {
    cartId: view.cartId,
    restaurantId: view.restaurantId,
    supplier: { id: view.supplierId, name: view.supplierName },
    lines: view.lines.map((line) => ({
      lineId: line.lineId,
      productId: line.productId,
      sku: line.sku,
      gtin: line.gtin,
      name: line.name,
      unit: line.unit,
      packSize: line.packSize,
      quantity: line.quantity.toFixed(3),
      unitPrice: line.unitPrice === null ? null : unitPrice(line.unitPrice, currency),
      priceSource: line.priceSource,
      listPrice: line.listPrice === null ? null : unitPrice(line.listPrice, currency),
      lineTotal: line.lineTotal === null ? null : money(line.lineTotal, currency),
      vatClass: line.vatClass,
      vatRate: line.vatRate.toFixed(2),
      active: line.active,
      stockStatus: line.stockStatus,
      inStock: line.inStock,
    })),
    vatBreakdown: view.vatBreakdown.map((entry) => ({
      rate: entry.rate.toFixed(2),
      base: entry.base.toFixed(2),
      vat: entry.vat.toFixed(2),
    })),
    subtotal: money(view.subtotal, currency),
    vatTotal: money(view.vatTotal, currency),
    total: money(view.total, currency),
    minimumOrderValue: money(view.minimumOrderValue, currency),
    requestedDeliveryDate: view.requestedDeliveryDate,
    deliveryDate: view.deliveryDate
      ? { ...toDeliveryOptionJson(view.deliveryDate), requested: view.deliveryDate.requested }
      : null,
    deliveryAddressId: view.deliveryAddressId,
    note: view.note,
    blockers: view.blockers.map((blocker) => ({
      code: blocker.code,
      message: blocker.message,
      ...(blocker.productId ? { productId: blocker.productId } : {}),
    })),
    checkoutable: view.checkoutable,
    updatedAt: view.updatedAt?.toISOString() ?? null,
  };
}

/** The path parameters of one cart. */
export const ZCartPath = z.object({ restaurantId: z.uuid(), supplierId: z.uuid() });
