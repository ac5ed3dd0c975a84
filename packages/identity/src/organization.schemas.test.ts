import { describe, expect, it } from 'vitest';
import {
  minutesOfDay,
  normalisePostalCode,
  readDeliveryPreferences,
  readDeliveryRegions,
  readOrderCutoff,
  ZDeliveryAddressInput,
  ZDeliveryPreferences,
  ZDeliveryRegions,
  ZOrderCutoff,
  ZRestaurantCreate,
  ZTimeOfDay,
} from './organization.schemas.ts';

describe('postal codes', () => {
  it('accepts NNN NN and NNNNN, normalised to NNN NN', () => {
    expect(normalisePostalCode('113 51')).toBe('113 51');
    expect(normalisePostalCode('11351')).toBe('113 51');
    expect(normalisePostalCode(' 98499 ')).toBe('984 99');
  });

  it('refuses anything else', () => {
    for (const bad of ['1135', '113511', '013 51', '113-51', '11 351', 'abc de', '', '113  51']) {
      expect(normalisePostalCode(bad), bad).toBeNull();
    }
  });
});

describe('times of day', () => {
  it('are 24-hour HH:MM', () => {
    for (const good of ['00:00', '06:30', '23:59'])
      expect(ZTimeOfDay.safeParse(good).success, good).toBe(true);
    for (const bad of ['24:00', '6:30', '06:60', '0630', '06:30:00', '']) {
      expect(ZTimeOfDay.safeParse(bad).success, bad).toBe(false);
    }
    expect(minutesOfDay('06:30')).toBe(390);
  });
});

describe('delivery preferences', () => {
  it('fills defaults and requires earliest before latest', () => {
    expect(ZDeliveryPreferences.parse({})).toEqual({
      earliestTime: null,
      latestTime: null,
      unattendedAllowed: false,
      notes: null,
    });
    expect(ZDeliveryPreferences.safeParse({ earliestTime: '06:00', latestTime: '06:00' }).success).toBe(
      false,
    );
    expect(ZDeliveryPreferences.safeParse({ earliestTime: '06:00', latestTime: '06:01' }).success).toBe(true);
    expect(ZDeliveryPreferences.safeParse({ notes: 'x'.repeat(500) }).success).toBe(true);
    expect(ZDeliveryPreferences.safeParse({ notes: 'x'.repeat(501) }).success).toBe(false);
    expect(ZDeliveryPreferences.parse({ notes: '   ' }).notes).toBeNull();
  });

  it('refuses unknown keys (a typo must not pass silently)', () => {
    expect(ZDeliveryPreferences.safeParse({ unattended_allowed: true }).success).toBe(false);
  });

  it('reads stored JSON leniently: what cannot be read is "no preferences"', () => {
    expect(readDeliveryPreferences({})).toEqual({
      earliestTime: null,
      latestTime: null,
      unattendedAllowed: false,
      notes: null,
    });
    expect(readDeliveryPreferences('garbage').unattendedAllowed).toBe(false);
    expect(readDeliveryPreferences({ earliestTime: '07:00', unattendedAllowed: true })).toMatchObject({
      earliestTime: '07:00',
      unattendedAllowed: true,
    });
  });
});

describe('addresses', () => {
  it('default to Sweden and not-default; only SE is accepted', () => {
    const parsed = ZDeliveryAddressInput.parse({ label: 'A', line1: 'B', postalCode: '11351', city: 'C' });
    expect(parsed).toMatchObject({ country: 'SE', isDefault: false, postalCode: '113 51' });
    expect(
      ZDeliveryAddressInput.safeParse({
        label: 'A',
        line1: 'B',
        postalCode: '11351',
        city: 'C',
        country: 'DK',
      }).success,
    ).toBe(false);
  });

  it('a restaurant needs a valid organisation number', () => {
    expect(ZRestaurantCreate.safeParse({ name: 'X', organisationNumber: '556036-0793' }).success).toBe(true);
    expect(ZRestaurantCreate.safeParse({ name: 'X', organisationNumber: '556036-0792' }).success).toBe(false);
  });
});

describe('supplier regions and cut-offs', () => {
  it('regions carry 1–5 digit postal code prefixes', () => {
    expect(ZDeliveryRegions.safeParse([{ name: 'A', postalCodePrefixes: ['1', '12345'] }]).success).toBe(
      true,
    );
    expect(ZDeliveryRegions.safeParse([{ name: 'A', postalCodePrefixes: ['123456'] }]).success).toBe(false);
    expect(ZDeliveryRegions.safeParse([{ name: 'A', postalCodePrefixes: ['12a'] }]).success).toBe(false);
    expect(ZDeliveryRegions.safeParse([{ name: 'A', postalCodePrefixes: [] }]).success).toBe(false);
    expect(readDeliveryRegions({})).toEqual([]);
  });

  it('cut-offs: HH:MM, 0–14 lead days, per ISO weekday 1–7', () => {
    expect(ZOrderCutoff.safeParse({ cutoffTime: '14:00', leadDays: 0 }).success).toBe(true);
    expect(
      ZOrderCutoff.safeParse({ cutoffTime: '14:00', leadDays: 14, weekdayCutoffs: { '7': '10:00' } }).success,
    ).toBe(true);
    expect(ZOrderCutoff.safeParse({ cutoffTime: '14:00', leadDays: -1 }).success).toBe(false);
    expect(ZOrderCutoff.safeParse({ cutoffTime: '14:00', leadDays: 1.5 }).success).toBe(false);
    expect(
      ZOrderCutoff.safeParse({ cutoffTime: '14:00', leadDays: 1, weekdayCutoffs: { '0': '10:00' } }).success,
    ).toBe(false);
    expect(readOrderCutoff({})).toBeNull();
    expect(readOrderCutoff({ cutoffTime: '14:00', leadDays: 1 })).toEqual({
      cutoffTime: '14:00',
      leadDays: 1,
    });
  });
});
