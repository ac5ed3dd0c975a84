import { stockholmParts } from '@iris/core';

/**
 * Calendar dates as `yyyy-MM-dd` strings: a delivery date is a day in Sweden, not an instant, so the
 * arithmetic runs on UTC midnights where no time zone or DST can shift a day.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in the form yyyy-MM-dd (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

function toUtcMidnight(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a date (yyyy-MM-dd): ${date}`);
  return new Date(`${date}T00:00:00.000Z`);
}

/** The UTC-midnight Date of a calendar date, e.g. for a PostgreSQL `date` column. */
export function dateToDb(date: string): Date {
  return toUtcMidnight(date);
}

/** A `date` column's value (UTC midnight) as yyyy-MM-dd. */
export function dateFromDb(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const at = toUtcMidnight(date);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = toUtcMidnight(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** yyyy-MM-dd of a year, month (1–12) and day. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's date in Stockholm at `now`. */
export function stockholmToday(now: Date): string {
  return stockholmParts(now).date;
}
