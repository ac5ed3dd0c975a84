import { z } from 'zod';
import {
  dateFromDb,
  displayOrderNumber,
  type StandingOrderDetail,
  type StandingOrderRunRecord,
  type StandingOrderView,
} from '@iris/ordering';
import { toProductSnapshotJson, ZProductSnapshot } from '../_shared/product.schema.ts';
import { ZQuantityString } from '../order-guides/_schemas.ts';

export const ZStandingOrderRun = z
  .object({
    id: z.uuid(),
    deliveryDate: z.iso.date(),
    outcome: z.enum(['created', 'skipped_holiday', 'skipped_no_lines', 'failed']),
    orderId: z.uuid().nullable(),
    orderNumber: z.string().nullable().meta({ example: 'IR-000123' }),
    reason: z.string().nullable().meta({ description: 'Why it was skipped or failed' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'StandingOrderRun' });
export type TStandingOrderRun = z.infer<typeof ZStandingOrderRun>;

export const ZStandingOrderNextRun = z
  .object({
    deliveryDate: z.iso.date(),
    runAt: z.iso.datetime().meta({ description: 'When the order is placed (UTC)' }),
    runAtLocal: z
      .string()
      .meta({ description: 'The same instant, Europe/Stockholm', example: '2026-10-23T13:00:00.000+02:00' }),
    cutoffAt: z.iso.datetime(),
    cutoffAtLocal: z.string(),
    holiday: z.string().nullable().meta({
      description: 'The delivery falls on this holiday or eve: the run will be recorded as skipped',
    }),
  })
  .meta({ id: 'StandingOrderNextRun' });

export const ZStandingOrder = z
  .object({
    id: z.uuid(),
    restaurantId: z.uuid(),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    name: z.string(),
    deliveryWeekdays: z
      .array(z.number().int().min(1).max(7))
      .meta({ description: 'ISO weekdays, 1 = Monday' }),
    placeMinutesBeforeCutoff: z.number().int(),
    deliveryAddressId: z.uuid().nullable(),
    note: z.string().nullable(),
    active: z.boolean(),
    nextRun: ZStandingOrderNextRun.nullable().meta({
      description: 'null when inactive or nothing is schedulable',
    }),
    lines: z.array(z.object({ productId: z.uuid(), product: ZProductSnapshot, quantity: ZQuantityString })),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'StandingOrder' });
export type TStandingOrder = z.infer<typeof ZStandingOrder>;

export const ZStandingOrderDetail = ZStandingOrder.extend({
  recentRuns: z.array(ZStandingOrderRun).meta({ description: 'The last 10 runs, newest delivery first' }),
}).meta({ id: 'StandingOrderDetail' });
export type TStandingOrderDetail = z.infer<typeof ZStandingOrderDetail>;

export function toStandingOrderRunJson(run: StandingOrderRunRecord): TStandingOrderRun {
  return {
    id: run.id,
    deliveryDate: dateFromDb(run.deliveryDate),
    outcome: run.outcome,
    orderId: run.orderId,
    orderNumber: run.orderNumber === null ? null : displayOrderNumber(run.orderNumber),
    reason: run.reason,
    createdAt: run.createdAt.toISOString(),
  };
}

export function toStandingOrderJson(record: StandingOrderView): TStandingOrder {
  const next = record.nextRun;
  return {
    id: record.id,
    restaurantId: record.restaurantId,
    supplier: { id: record.supplierId, name: record.supplierName },
    name: record.name,
    deliveryWeekdays: record.deliveryWeekdays,
    placeMinutesBeforeCutoff: record.placeMinutesBeforeCutoff,
    deliveryAddressId: record.deliveryAddressId,
    note: record.note,
    active: record.active,
    nextRun: next
      ? {
          deliveryDate: next.deliveryDate,
          runAt: next.runAt.toISOString(),
          runAtLocal: next.runAtLocal,
          cutoffAt: next.cutoffAt.toISOString(),
          cutoffAtLocal: next.cutoffAtLocal,
          holiday: next.holiday,
        }
      : null,
    lines: record.lines.map((line) => ({
      productId: line.productId,
      product: toProductSnapshotJson(line.product),
      quantity: line.quantity.toFixed(3),
    })),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toStandingOrderDetailJson(detail: StandingOrderDetail): TStandingOrderDetail {
  return { ...toStandingOrderJson(detail), recentRuns: detail.recentRuns.map(toStandingOrderRunJson) };
}
