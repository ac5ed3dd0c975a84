import { z } from 'zod';
import { dec, formatAmount, toStockholmIso, type Dec } from '@iris/core';
import {
  dateFromDb,
  DISCREPANCY_REASONS,
  displayOrderNumber,
  isIsoDate,
  ORDER_LINE_CHANGES,
  ORDER_SOURCES,
  ORDER_STATUSES,
  ZOrderQuantity,
  ZOrderQuantityOrZero,
  type OrderLineRecord,
  type OrderRecord,
  type OrderStatus,
  type OrderSummaryRecord,
  type SubstituteSnapshot,
} from '@iris/ordering';

/** Shapes shared by the order and cart procedures. */

export const ZIsoDate = z
  .string()
  .refine(isIsoDate, 'A date as yyyy-MM-dd')
  .meta({ description: 'A calendar date, yyyy-MM-dd', example: '2026-04-07' });

/** A quantity as a decimal string or a number: > 0, at most 3 decimals (the ordering area's rule). */
export const ZQuantityInput = ZOrderQuantity.meta({
  description: 'A decimal string (or number) > 0 with at most 3 decimals',
  example: '2.5',
});

/** Like ZQuantityInput but 0 is allowed (a received or proposed quantity). */
export const ZQuantityOrZeroInput = ZOrderQuantityOrZero.meta({
  description: 'A decimal string (or number) ≥ 0 with at most 3 decimals',
  example: '0',
});

export const ZMoney = z
  .object({ amount: z.string().meta({ example: '1234.50' }), currency: z.string().meta({ example: 'SEK' }) })
  .meta({ id: 'Money', description: 'An amount with two decimals and its currency' });

export const ZUnitPrice = z
  .object({ amount: z.string().meta({ example: '39.995' }), currency: z.string().meta({ example: 'SEK' }) })
  .meta({ id: 'UnitPrice', description: 'A unit price excl. VAT: a decimal string with 3 decimals' });

export const ZVatBreakdown = z
  .array(
    z.object({
      rate: z.string().meta({ description: 'VAT percent', example: '6.00' }),
      base: z
        .string()
        .meta({ description: 'Sum of the line totals at this rate, excl. VAT', example: '324.98' }),
      vat: z.string().meta({ description: 'VAT at this rate, rounded to öre', example: '19.50' }),
    }),
  )
  .meta({ description: 'VAT per rate, highest rate first' });

export const ZQuantity = z
  .string()
  .meta({ description: 'A decimal string with 3 decimals', example: '4.000' });

export function money(value: Dec | string | { toString(): string }, currency = 'SEK') {
  return { amount: formatAmount(value.toString()), currency };
}

export function unitPrice(value: Dec | string | { toString(): string }, currency = 'SEK') {
  return { amount: dec(value.toString()).toFixed(3), currency };
}

const quantity = (value: { toString(): string }) => dec(value.toString()).toFixed(3);

export const ZOrderStatus = z.enum(ORDER_STATUSES);

/** `status=submitted,confirmed` (or one status), parsed the same on /trpc and /api/v1. */
export const ZStatusList = z
  .string()
  .max(200)
  .optional()
  .transform((value, ctx): OrderStatus[] | undefined => {
    if (!value) return undefined;
    const parts = value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const unknown = parts.filter((part) => !(ORDER_STATUSES as readonly string[]).includes(part));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown status: ${unknown.join(', ')} (allowed: ${ORDER_STATUSES.join(', ')})`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as OrderStatus[];
  })
  .meta({
    description: `Comma-separated statuses: ${ORDER_STATUSES.join(', ')}`,
    example: 'submitted,confirmed',
  });

const ZAddressSnapshot = z.object({
  id: z.uuid(),
  label: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  instructions: z.string().nullable(),
});

const ZSubstitute = z.object({
  productId: z.uuid(),
  sku: z.string(),
  gtin: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  packSize: z.string().nullable(),
  unitPrice: ZUnitPrice,
  priceSource: z.string(),
  vatClass: z.enum(['food', 'standard', 'reduced']),
});

export const ZOrderLine = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    productId: z.uuid(),
    sku: z.string(),
    gtin: z.string().nullable(),
    name: z.string(),
    unit: z.string(),
    packSize: z.string().nullable(),
    quantity: ZQuantity.meta({ description: 'Ordered quantity (3 decimals)' }),
    confirmedQuantity: ZQuantity.nullable().meta({ description: 'What the supplier confirmed; null before' }),
    receivedQuantity: ZQuantity.nullable().meta({ description: 'What arrived; null before receiving' }),
    unitPrice: ZUnitPrice,
    priceSource: z.enum(['contract', 'customer_list', 'base']),
    vatClass: z.enum(['food', 'standard', 'reduced']),
    vatRate: z.string().meta({ description: 'VAT percent on the delivery date', example: '6.00' }),
    lineTotal: ZMoney.meta({ description: 'Effective quantity × unit price, rounded to öre, excl. VAT' }),
    change: z.enum(ORDER_LINE_CHANGES).meta({ description: 'A change the supplier proposed and its fate' }),
    proposal: z
      .object({
        quantity: ZQuantity.nullable(),
        substitute: ZSubstitute.nullable(),
        reason: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'The proposed change (null when none was proposed)' }),
    discrepancy: z
      .object({ reason: z.enum(DISCREPANCY_REASONS).nullable(), note: z.string().nullable() })
      .nullable()
      .meta({ description: 'Reported at receiving (null when none)' }),
  })
  .meta({ id: 'OrderLine' });

const ZOrderHistoryEntry = z
  .object({
    id: z.uuid(),
    fromStatus: ZOrderStatus.nullable(),
    toStatus: ZOrderStatus,
    actor: z.object({
      kind: z.enum(['user', 'service', 'system']),
      userId: z.uuid().nullable(),
      serviceAccountId: z.uuid().nullable(),
    }),
    reason: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OrderStatusChange' });

const orderSummaryFields = {
  id: z.uuid(),
  number: z.number().int(),
  orderNumber: z.string().meta({ example: 'IR-000123' }),
  status: ZOrderStatus,
  source: z.enum(ORDER_SOURCES),
  restaurant: z.object({ id: z.uuid(), name: z.string() }),
  supplier: z.object({ id: z.uuid(), name: z.string() }),
  customerNumber: z.string().nullable(),
  requestedDeliveryDate: z.string().meta({ example: '2026-04-07' }),
  cutoffAt: z.iso.datetime().meta({ description: 'The cut-off (UTC): the restaurant may cancel until then' }),
  cutoffAtLocal: z
    .string()
    .meta({ description: 'The same instant in Stockholm time', example: '2026-04-02T14:00:00.000+02:00' }),
  deliveryAddress: ZAddressSnapshot.nullable().meta({ description: 'The address as it was at placement' }),
  note: z.string().nullable(),
  subtotal: ZMoney,
  vatTotal: ZMoney,
  total: ZMoney,
  vatBreakdown: ZVatBreakdown,
  lineCount: z.number().int(),
  cartId: z.uuid().nullable(),
  standingOrderId: z.uuid().nullable(),
  placedBy: z.object({ userId: z.uuid().nullable(), serviceAccountId: z.uuid().nullable() }),
  submittedAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  invoicedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number().int().meta({ description: 'Send it back with a change to detect concurrent edits' }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const ZOrderSummary = z.object(orderSummaryFields).meta({ id: 'OrderSummary' });
export type TOrderSummary = z.infer<typeof ZOrderSummary>;

export const ZOrder = z
  .object({ ...orderSummaryFields, lines: z.array(ZOrderLine), history: z.array(ZOrderHistoryEntry) })
  .meta({ id: 'Order' });
export type TOrder = z.infer<typeof ZOrder>;

const iso = (value: Date | null) => value?.toISOString() ?? null;

function addressOf(snapshot: unknown): z.infer<typeof ZAddressSnapshot> | null {
  const parsed = ZAddressSnapshot.safeParse(snapshot);
  return parsed.success ? parsed.data : null;
}

function vatBreakdownOf(stored: unknown): z.infer<typeof ZVatBreakdown> {
  const parsed = ZVatBreakdown.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

export function toOrderSummaryJson(order: OrderSummaryRecord): TOrderSummary {
  return {
    id: order.id,
    number: order.number,
    orderNumber: displayOrderNumber(order.number),
    status: order.status,
    source: order.source,
    restaurant: { id: order.restaurantId, name: order.restaurantName },
    supplier: { id: order.supplierId, name: order.supplierName },
    customerNumber: order.customerNumber,
    requestedDeliveryDate: dateFromDb(order.requestedDeliveryDate),
    cutoffAt: order.cutoffAt.toISOString(),
    cutoffAtLocal: toStockholmIso(order.cutoffAt),
    deliveryAddress: addressOf(order.deliveryAddressSnapshot),
    note: order.note,
    subtotal: money(order.subtotal, order.currency),
    vatTotal: money(order.vatTotal, order.currency),
    total: money(order.total, order.currency),
    vatBreakdown: vatBreakdownOf(order.vatBreakdown),
    lineCount: order.lineCount,
    cartId: order.cartId,
    standingOrderId: order.standingOrderId,
    placedBy: { userId: order.placedByUserId, serviceAccountId: order.placedByServiceAccountId },
    submittedAt: order.submittedAt.toISOString(),
    confirmedAt: iso(order.confirmedAt),
    deliveredAt: iso(order.deliveredAt),
    invoicedAt: iso(order.invoicedAt),
    closedAt: iso(order.closedAt),
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

function toLineJson(line: OrderLineRecord, currency: string): z.infer<typeof ZOrderLine> {
  const substitute = line.substitute as SubstituteSnapshot | null;
  return {
    id: line.id,
    lineNo: line.lineNo,
    productId: line.productId,
    sku: line.sku,
    gtin: line.gtin,
    name: line.name,
    unit: line.unit,
    packSize: line.packSize,
    quantity: quantity(line.quantity),
    confirmedQuantity: line.confirmedQuantity === null ? null : quantity(line.confirmedQuantity),
    receivedQuantity: line.receivedQuantity === null ? null : quantity(line.receivedQuantity),
    unitPrice: unitPrice(line.unitPrice, currency),
    priceSource: line.priceSource as 'contract' | 'customer_list' | 'base',
    vatClass: line.vatClass,
    vatRate: dec(line.vatRate.toString()).toFixed(2),
    lineTotal: money(line.lineTotal, currency),
    change: line.change,
    proposal:
      line.change === 'none'
        ? null
        : {
            quantity: line.proposedQuantity === null ? null : quantity(line.proposedQuantity),
            substitute:
              substitute && line.substituteProductId
                ? {
                    productId: line.substituteProductId,
                    sku: substitute.sku,
                    gtin: substitute.gtin,
                    name: substitute.name,
                    unit: substitute.unit,
                    packSize: substitute.packSize,
                    unitPrice: unitPrice(substitute.unitPrice, currency),
                    priceSource: substitute.priceSource,
                    vatClass: substitute.vatClass,
                  }
                : null,
            reason: line.changeReason,
          },
    discrepancy:
      line.discrepancyReason === null && line.discrepancyNote === null
        ? null
        : { reason: line.discrepancyReason, note: line.discrepancyNote },
  };
}

export function toOrderJson(order: OrderRecord): TOrder {
  return {
    ...toOrderSummaryJson(order),
    lines: order.lines.map((line) => toLineJson(line, order.currency)),
    history: order.history.map((entry) => ({
      id: entry.id,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      actor: {
        kind: entry.actorKind as 'user' | 'service' | 'system',
        userId: entry.actorUserId,
        serviceAccountId: entry.actorServiceAccountId,
      },
      reason: entry.reason,
      metadata:
        entry.metadata !== null && typeof entry.metadata === 'object' && !Array.isArray(entry.metadata)
          ? (entry.metadata as Record<string, unknown>)
          : {},
      createdAt: entry.createdAt.toISOString(),
    })),
  };
}

/** The optimistic-concurrency field every order change accepts. */
export const ZVersion = z
  .number()
  .int()
  .min(1)
  .optional()
  .meta({ description: 'The order version you read; a stale one is 409 ORDER_VERSION_CONFLICT' });
