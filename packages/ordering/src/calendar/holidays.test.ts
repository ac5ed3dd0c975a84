import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isoWeekday } from './dates.ts';
import { easterSunday, holidayOn, isBusinessDay, swedishHolidays } from './holidays.ts';

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(isoWeekday(date)).toBe(7);
  });
});

describe('swedishHolidays', () => {
  it('2026: every holiday and eve on its date', () => {
    expect(swedishHolidays(2026).map((h) => `${h.date} ${h.name} ${h.kind}`)).toEqual([
      '2026-01-01 Nyårsdagen holiday',
      '2026-01-06 Trettondedag jul holiday',
      '2026-04-03 Långfredagen holiday',
      '2026-04-05 Påskdagen holiday',
      '2026-04-06 Annandag påsk holiday',
      '2026-05-01 Första maj holiday',
      '2026-05-14 Kristi himmelsfärdsdag holiday',
      '2026-05-24 Pingstdagen holiday',
      '2026-06-06 Sveriges nationaldag holiday',
      '2026-06-19 Midsommarafton eve',
      '2026-06-20 Midsommardagen holiday',
      '2026-10-31 Alla helgons dag holiday',
      '2026-12-24 Julafton eve',
      '2026-12-25 Juldagen holiday',
      '2026-12-26 Annandag jul holiday',
      '2026-12-31 Nyårsafton eve',
    ]);
  });

  it('2027: Easter in March, Midsummer on the 25th/26th, All Saints in November', () => {
    const byName = Object.fromEntries(swedishHolidays(2027).map((h) => [h.name, h.date]));
    expect(byName).toMatchObject({
      Långfredagen: '2027-03-26',
      Påskdagen: '2027-03-28',
      'Annandag påsk': '2027-03-29',
      'Kristi himmelsfärdsdag': '2027-05-06',
      Pingstdagen: '2027-05-16',
      Midsommarafton: '2027-06-25',
      Midsommardagen: '2027-06-26',
      'Alla helgons dag': '2027-11-06',
    });
  });

  it('midsommardagen is the Saturday of 20–26 June and alla helgons dag the one of 31 Oct–6 Nov, every year', () => {
    for (let year = 2000; year <= 2100; year += 1) {
      const byName = Object.fromEntries(swedishHolidays(year).map((h) => [h.name, h.date]));
      const midsummer = byName['Midsommardagen']!;
      expect(isoWeekday(midsummer)).toBe(6);
      expect(midsummer >= `${year}-06-20` && midsummer <= `${year}-06-26`).toBe(true);
      expect(byName['Midsommarafton']).toBe(addDays(midsummer, -1));
      const allSaints = byName['Alla helgons dag']!;
      expect(isoWeekday(allSaints)).toBe(6);
      expect(allSaints >= `${year}-10-31` && allSaints <= `${year}-11-06`).toBe(true);
      expect(isoWeekday(byName['Långfredagen']!)).toBe(5);
      expect(isoWeekday(byName['Kristi himmelsfärdsdag']!)).toBe(4);
    }
  });
});

describe('holidayOn / isBusinessDay', () => {
  it('names holidays and eves, and nothing on ordinary days', () => {
    expect(holidayOn('2026-06-19')).toEqual({ date: '2026-06-19', name: 'Midsommarafton', kind: 'eve' });
    expect(holidayOn('2026-12-24')?.kind).toBe('eve');
    expect(holidayOn('2026-04-06')?.name).toBe('Annandag påsk');
    expect(holidayOn('2026-04-07')).toBeNull();
  });

  it('business days are Monday–Friday outside holidays and eves', () => {
    expect(isBusinessDay('2026-04-02')).toBe(true); // skärtorsdag: an ordinary working day
    expect(isBusinessDay('2026-04-03')).toBe(false); // långfredagen
    expect(isBusinessDay('2026-04-06')).toBe(false); // annandag påsk
    expect(isBusinessDay('2026-06-19')).toBe(false); // midsommarafton (a Friday)
    expect(isBusinessDay('2026-12-31')).toBe(false); // nyårsafton (a Thursday)
    expect(isBusinessDay('2026-03-28')).toBe(false); // a Saturday
    expect(isBusinessDay('2026-03-30')).toBe(true);
  });
});

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
