import { addDays, isoDate, isoWeekday } from './dates.ts';

/**
 * A Swedish public holiday (`holiday`, röd dag) or one of the eves that are de facto non-delivery days
 * (`eve`: midsommarafton, julafton, nyårsafton).
 */
export interface SwedishHoliday {
  date: string;
  name: string;
  kind: 'holiday' | 'eve';
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** The Saturday within [first, first + 6] days of a month (midsommardagen, alla helgons dag). */
function saturdayFrom(year: number, month: number, firstDay: number): string {
  const first = isoDate(year, month, firstDay);
  return addDays(first, (6 - isoWeekday(first) + 7) % 7);
}

const cache = new Map<number, readonly SwedishHoliday[]>();

/** Every holiday and non-delivery eve of a year, in date order, computed (no table of dates). */
export function swedishHolidays(year: number): readonly SwedishHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const midsummerDay = saturdayFrom(year, 6, 20);
  const holidays: SwedishHoliday[] = [
    { date: isoDate(year, 1, 1), name: 'Nyårsdagen', kind: 'holiday' },
    { date: isoDate(year, 1, 6), name: 'Trettondedag jul', kind: 'holiday' },
    { date: addDays(easter, -2), name: 'Långfredagen', kind: 'holiday' },
    { date: easter, name: 'Påskdagen', kind: 'holiday' },
    { date: addDays(easter, 1), name: 'Annandag påsk', kind: 'holiday' },
    { date: isoDate(year, 5, 1), name: 'Första maj', kind: 'holiday' },
    { date: addDays(easter, 39), name: 'Kristi himmelsfärdsdag', kind: 'holiday' },
    { date: addDays(easter, 49), name: 'Pingstdagen', kind: 'holiday' },
    { date: isoDate(year, 6, 6), name: 'Sveriges nationaldag', kind: 'holiday' },
    { date: addDays(midsummerDay, -1), name: 'Midsommarafton', kind: 'eve' },
    { date: midsummerDay, name: 'Midsommardagen', kind: 'holiday' },
    { date: saturdayFrom(year, 10, 31), name: 'Alla helgons dag', kind: 'holiday' },
    { date: isoDate(year, 12, 24), name: 'Julafton', kind: 'eve' },
    { date: isoDate(year, 12, 25), name: 'Juldagen', kind: 'holiday' },
    { date: isoDate(year, 12, 26), name: 'Annandag jul', kind: 'holiday' },
    { date: isoDate(year, 12, 31), name: 'Nyårsafton', kind: 'eve' },
  ];
  // Nationaldagen can fall on pingstdagen (e.g. 2049): one entry per date is enough.
  const unique = [...new Map(holidays.map((holiday) => [holiday.date, holiday])).values()].sort((x, y) =>
    x.date.localeCompare(y.date),
  );
  cache.set(year, unique);
  return unique;
}

/** The holiday or eve on `date` (yyyy-MM-dd), or null. */
export function holidayOn(date: string): SwedishHoliday | null {
  const year = Number(date.slice(0, 4));
  return swedishHolidays(year).find((holiday) => holiday.date === date) ?? null;
}

/** Monday–Friday and neither a holiday nor a non-delivery eve: a day wholesalers work. */
export function isBusinessDay(date: string): boolean {
  return isoWeekday(date) <= 5 && holidayOn(date) === null;
}
