import { TZDate } from '@date-fns/tz';

/** Business rules speak of Swedish local time; storage is UTC. */
export const BUSINESS_TIME_ZONE = 'Europe/Stockholm';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(to) {
      current = new Date(to);
    },
  };
}

/** ISO 8601 with the Stockholm offset, e.g. 2026-11-26T04:56:10.000+01:00. */
export function toStockholmIso(at: Date): string {
  return new TZDate(at, BUSINESS_TIME_ZONE).toISOString();
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The wall-clock parts of an instant in Stockholm. */
export function stockholmParts(at: Date): { date: string; hour: number; minute: number; weekday: number } {
  const local = new TZDate(at, BUSINESS_TIME_ZONE);
  return {
    date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    hour: local.getHours(),
    minute: local.getMinutes(),
    weekday: local.getDay(),
  };
}

/** The UTC instant at which it is `time` (HH:mm) on `date` (yyyy-MM-dd) in Stockholm. */
export function stockholmWallTimeToUtc(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    throw new RangeError(`Bad local date/time: ${date} ${time}`);
  }
  return new Date(new TZDate(year, month - 1, day, hour, minute, 0, 0, BUSINESS_TIME_ZONE).getTime());
}
