import { describe, expect, it } from 'vitest';
import { dec } from '@iris/core';
import { priceAlertsFor } from './price-alerts.ts';

const threshold = dec('2');

describe('priceAlertsFor', () => {
  it('raises differs_from_contract beyond the threshold, either way', () => {
    expect(
      priceAlertsFor({
        invoicedUnitPrice: dec('103'),
        expectedUnitPrice: dec('100'),
        lastPaidUnitPrice: null,
        thresholdPct: threshold,
      }).map((alert) => [alert.kind, alert.changePct.toFixed(3)]),
    ).toEqual([['differs_from_contract', '3.000']]);
    expect(
      priceAlertsFor({
        invoicedUnitPrice: dec('97'),
        expectedUnitPrice: dec('100'),
        lastPaidUnitPrice: null,
        thresholdPct: threshold,
      })[0]?.changePct.toFixed(3),
    ).toBe('-3.000');
  });

  it('stays quiet within the threshold', () => {
    expect(
      priceAlertsFor({
        invoicedUnitPrice: dec('102'),
        expectedUnitPrice: dec('100'),
        lastPaidUnitPrice: dec('100'),
        thresholdPct: threshold,
      }),
    ).toEqual([]);
  });

  it('raises rise_vs_history only for a rise', () => {
    expect(
      priceAlertsFor({
        invoicedUnitPrice: dec('110'),
        expectedUnitPrice: dec('110'),
        lastPaidUnitPrice: dec('100'),
        thresholdPct: threshold,
      }).map((alert) => [alert.kind, alert.referenceUnitPrice.toFixed(3), alert.changePct.toFixed(3)]),
    ).toEqual([['rise_vs_history', '100.000', '10.000']]);
    expect(
      priceAlertsFor({
        invoicedUnitPrice: dec('90'),
        expectedUnitPrice: dec('90'),
        lastPaidUnitPrice: dec('100'),
        thresholdPct: threshold,
      }),
    ).toEqual([]);
  });

  it('clamps the change to what the column holds', () => {
    const [alert] = priceAlertsFor({
      invoicedUnitPrice: dec('9000'),
      expectedUnitPrice: dec('0.5'),
      lastPaidUnitPrice: null,
      thresholdPct: threshold,
    });
    expect(alert?.changePct.toFixed(3)).toBe('999999.999');
  });
});
