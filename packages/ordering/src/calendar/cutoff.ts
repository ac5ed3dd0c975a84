import { stockholmParts, stockholmWallTimeToUtc, toStockholmIso } from '@iris/core';
import { readOrderCutoff, type OrderCutoff } from '@iris/identity';
import { addDays, isIsoDate, isoWeekday } from './dates.ts';
import { holidayOn, isBusinessDay, type SwedishHoliday } from './holidays.ts';

/** A supplier without a cut-off of its own: orders in by 14:00 (Stockholm) one business day before. */
export const DEFAULT_ORDER_CUTOFF: OrderCutoff = { cutoffTime: '14:00', leadDays: 1 };

/** Deliveries on weekdays when the customer's delivery days are not set. */
export const DEFAULT_DELIVERY_DAYS: readonly number[] = [1, 2, 3, 4, 5];

/** How far ahead delivery dates are looked for (a supplier delivering once a month still has some). */
export const DELIVERY_HORIZON_DAYS = 120;

/** The supplier's stored `orderCutoff` JSON (or an already-read cut-off), with the default when unset. */
export function effectiveCutoff(stored: unknown): OrderCutoff {
  if (stored === null || stored === undefined) return DEFAULT_ORDER_CUTOFF;
  return readOrderCutoff(stored) ?? DEFAULT_ORDER_CUTOFF;
}

function deliveryDaysOrDefault(deliveryDays: readonly number[]): readonly number[] {
  return deliveryDays.length === 0 ? DEFAULT_DELIVERY_DAYS : deliveryDays;
}

/** When an order for one delivery date must be in. */
export interface DeliveryCutoff {
  /** The delivery date (yyyy-MM-dd). */
  date: string;
  /** The day the order must be in: the delivery date minus leadDays business days. */
  orderDate: string;
  /** The cut-off time on that day, Stockholm wall clock (HH:MM). */
  cutoffTime: string;
  /** The cut-off as an instant (UTC). */
  cutoffAt: Date;
}

/**
 * The cut-off for delivery on `date`: the order day is `leadDays` business days (Mon–Fri, not a holiday
 * or eve) before it (leadDays 1: a Monday delivery is ordered on Friday), and the time is the order day's
 * weekday cut-off or the supplier's cutoffTime, in Stockholm, converted to UTC for that day's offset.
 */
export function cutoffFor(date: string, cutoffInput: OrderCutoff | null): DeliveryCutoff {
  const cutoff = cutoffInput ?? DEFAULT_ORDER_CUTOFF;
  let orderDate = date;
  for (let step = 0; step < cutoff.leadDays; step += 1) {
    do orderDate = addDays(orderDate, -1);
    while (!isBusinessDay(orderDate));
  }
  const weekday = String(isoWeekday(orderDate)) as keyof NonNullable<OrderCutoff['weekdayCutoffs']>;
  const cutoffTime = cutoff.weekdayCutoffs?.[weekday] ?? cutoff.cutoffTime;
  return { date, orderDate, cutoffTime, cutoffAt: stockholmWallTimeToUtc(orderDate, cutoffTime) };
}

/** Why a date cannot be delivered on. */
export type DeliveryDateProblem =
  | { reason: 'INVALID_DATE' }
  | { reason: 'NOT_A_DELIVERY_DAY'; weekday: number; deliveryDays: readonly number[] }
  | { reason: 'HOLIDAY'; holiday: SwedishHoliday }
  | { reason: 'CUTOFF_PASSED'; cutoff: DeliveryCutoff };

export type DeliveryDateCheck = { ok: true; cutoff: DeliveryCutoff } | ({ ok: false } & DeliveryDateProblem);

/**
 * Whether the customer can get a delivery on `date` when ordering at `now`: a weekday in its delivery days
 * (empty: Monday–Friday), not a holiday or eve, and `now` before the date's cut-off.
 */
export function checkDeliveryDate(
  date: string,
  deliveryDays: readonly number[],
  now: Date,
  cutoff: OrderCutoff | null = null,
): DeliveryDateCheck {
  if (!isIsoDate(date)) return { ok: false, reason: 'INVALID_DATE' };
  const days = deliveryDaysOrDefault(deliveryDays);
  const weekday = isoWeekday(date);
  if (!days.includes(weekday)) {
    return { ok: false, reason: 'NOT_A_DELIVERY_DAY', weekday, deliveryDays: days };
  }
  const holiday = holidayOn(date);
  if (holiday) return { ok: false, reason: 'HOLIDAY', holiday };
  const dateCutoff = cutoffFor(date, cutoff);
  if (now.getTime() >= dateCutoff.cutoffAt.getTime()) {
    return { ok: false, reason: 'CUTOFF_PASSED', cutoff: dateCutoff };
  }
  return { ok: true, cutoff: dateCutoff };
}

/** True when an order placed at `now` can be delivered on `date` (see checkDeliveryDate). */
export function isDeliveryDate(
  date: string,
  deliveryDays: readonly number[],
  now: Date,
  cutoff: OrderCutoff | null = null,
): boolean {
  return checkDeliveryDate(date, deliveryDays, now, cutoff).ok;
}

/**
 * The next `count` dates an order placed at `now` can still be delivered on, soonest first, with their
 * cut-offs (looking at most DELIVERY_HORIZON_DAYS ahead, so possibly fewer).
 */
export function nextDeliveryDates(
  cutoff: OrderCutoff | null,
  deliveryDays: readonly number[],
  now: Date,
  count: number,
): DeliveryCutoff[] {
  const today = stockholmParts(now).date;
  const found: DeliveryCutoff[] = [];
  for (let offset = 0; offset <= DELIVERY_HORIZON_DAYS && found.length < count; offset += 1) {
    const check = checkDeliveryDate(addDays(today, offset), deliveryDays, now, cutoff);
    if (check.ok) found.push(check.cutoff);
  }
  return found;
}

/** A cut-off for the wire: the UTC instant and the same instant in Stockholm local time. */
export function describeCutoff(cutoff: DeliveryCutoff) {
  return {
    date: cutoff.date,
    orderDate: cutoff.orderDate,
    cutoffAt: cutoff.cutoffAt.toISOString(),
    cutoffAtLocal: toStockholmIso(cutoff.cutoffAt),
  };
}
