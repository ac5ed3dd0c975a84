import { stockholmParts } from '@iris/core';
import type { OrderCutoff } from '@iris/identity';
import {
  addDays,
  cutoffFor,
  DEFAULT_DELIVERY_DAYS,
  DELIVERY_HORIZON_DAYS,
  holidayOn,
  isoWeekday,
  type SwedishHoliday,
} from '../calendar/index.ts';

/** What decides when a standing order runs. */
export interface StandingSchedule {
  /** ISO weekdays of the deliveries (1 = Monday … 7 = Sunday). */
  deliveryWeekdays: readonly number[];
  /** The customer's delivery days with the supplier (empty: Monday–Friday). */
  customerDeliveryDays: readonly number[];
  /** The supplier's cut-off (null: the default, 14:00 one business day before). */
  cutoff: OrderCutoff | null;
  placeMinutesBeforeCutoff: number;
}

/** One run of a standing order: for which delivery, and when it is placed. */
export interface ScheduledRun {
  deliveryDate: string;
  /** The cut-off for that delivery (UTC). */
  cutoffAt: Date;
  /** cutoffAt − placeMinutesBeforeCutoff: when the order is placed (UTC). */
  runAt: Date;
  /** The delivery falls on a holiday or eve: when its time comes the run is recorded as skipped. */
  holiday: SwedishHoliday | null;
}

/** The weekdays a standing order may deliver on: its own, among the customer's delivery days. */
export function schedulableWeekdays(
  schedule: Pick<StandingSchedule, 'deliveryWeekdays' | 'customerDeliveryDays'>,
) {
  const customer =
    schedule.customerDeliveryDays.length === 0 ? DEFAULT_DELIVERY_DAYS : schedule.customerDeliveryDays;
  return schedule.deliveryWeekdays.filter((day) => customer.includes(day));
}

/** The run for delivery on `date` (whether or not the date is in the schedule). */
export function runFor(date: string, schedule: StandingSchedule): ScheduledRun {
  const cutoff = cutoffFor(date, schedule.cutoff);
  return {
    deliveryDate: date,
    cutoffAt: cutoff.cutoffAt,
    runAt: new Date(cutoff.cutoffAt.getTime() - schedule.placeMinutesBeforeCutoff * 60_000),
    holiday: holidayOn(date),
  };
}

/**
 * The scheduled deliveries from `fromDate` on (inclusive), soonest first, within the horizon. Holidays are
 * NOT left out: a delivery on a holiday is skipped visibly (a run saying so), never moved or dropped.
 */
export function* scheduledRuns(schedule: StandingSchedule, fromDate: string): Generator<ScheduledRun> {
  const weekdays = schedulableWeekdays(schedule);
  if (weekdays.length === 0) return;
  for (let offset = 0; offset <= DELIVERY_HORIZON_DAYS; offset += 1) {
    const date = addDays(fromDate, offset);
    if (weekdays.includes(isoWeekday(date))) yield runFor(date, schedule);
  }
}

/**
 * The next run after a write (create, update): the first scheduled delivery whose run time is still ahead
 * of `now`, after the last delivery already run. The delivery already scheduled (`pending`) keeps its
 * place while its cut-off is ahead, even if its run time has just passed: an edit never drops a run that
 * is about to be placed. Null when nothing is schedulable.
 */
export function nextRunFrom(
  schedule: StandingSchedule,
  now: Date,
  options: { lastRunDate?: string | null | undefined; pending?: string | null | undefined } = {},
): ScheduledRun | null {
  const today = stockholmParts(now).date;
  const from = options.lastRunDate && options.lastRunDate >= today ? addDays(options.lastRunDate, 1) : today;
  for (const run of scheduledRuns(schedule, from)) {
    if (run.runAt > now) return run;
    if (run.deliveryDate === options.pending && run.cutoffAt > now) return run;
  }
  return null;
}

/**
 * The run after the one for `deliveryDate` (placed, skipped or failed): the next scheduled delivery,
 * whatever the time now. If the worker was away so long that its cut-off has passed too, its run fails
 * visibly (CUTOFF_PASSED) instead of being silently dropped.
 */
export function runAfter(schedule: StandingSchedule, deliveryDate: string): ScheduledRun | null {
  const next = scheduledRuns(schedule, addDays(deliveryDate, 1)).next();
  return next.done ? null : next.value;
}
