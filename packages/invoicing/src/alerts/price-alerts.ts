import type { Dec } from '@iris/core';
import { storablePct } from '../reconcile/engine.ts';

export type PriceAlertKind = 'differs_from_contract' | 'rise_vs_history';

export interface PriceAlertCandidate {
  kind: PriceAlertKind;
  invoicedUnitPrice: Dec;
  referenceUnitPrice: Dec;
  /** (invoiced − reference) / reference × 100, 3 decimals, clamped to ±999 999.999 (the column). */
  changePct: Dec;
}

function changePct(invoiced: Dec, reference: Dec): Dec {
  return storablePct(invoiced.minus(reference).dividedBy(reference).times(100).toDecimalPlaces(3));
}

/**
 * The alerts one invoiced price raises: it differs from the price the order was placed at (either way)
 * beyond the threshold, or it rose beyond the threshold against the last price paid for the article.
 */
export function priceAlertsFor(input: {
  invoicedUnitPrice: Dec;
  expectedUnitPrice: Dec | null;
  lastPaidUnitPrice: Dec | null;
  thresholdPct: Dec;
}): PriceAlertCandidate[] {
  const alerts: PriceAlertCandidate[] = [];
  const { invoicedUnitPrice: invoiced, expectedUnitPrice: expected, lastPaidUnitPrice: last } = input;
  if (expected && !expected.isZero()) {
    const change = changePct(invoiced, expected);
    if (change.abs().greaterThan(input.thresholdPct))
      alerts.push({
        kind: 'differs_from_contract',
        invoicedUnitPrice: invoiced,
        referenceUnitPrice: expected,
        changePct: change,
      });
  }
  if (last && !last.isZero()) {
    const change = changePct(invoiced, last);
    if (change.greaterThan(input.thresholdPct))
      alerts.push({
        kind: 'rise_vs_history',
        invoicedUnitPrice: invoiced,
        referenceUnitPrice: last,
        changePct: change,
      });
  }
  return alerts;
}
