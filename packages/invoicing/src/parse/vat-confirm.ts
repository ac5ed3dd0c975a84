import { dec, type Dec } from '@iris/core';
import type { VatSubtotal } from '../model.ts';
import type { ParsedRow } from './table-row.ts';

/**
 * The VAT breakdown as a check on the lines' VAT rates, which OCR reads worst (the `%` sign). The totals of
 * the lines of one rate must add up exactly to that rate's printed base: where they do, the rates are
 * confirmed; where a line's rate was unreadable and exactly one way of giving the unreadable lines rates
 * from the breakdown makes every rate add up, those rates are taken (confirmed by the same arithmetic).
 */

/** Lines with unreadable rates tried at most (rates ^ lines assignments). */
const MAX_UNKNOWN_RATES = 6;

function rateKey(rate: string): string {
  return dec(rate).toString();
}

function sumsByRate(rows: readonly { vatRate: string | null; lineTotal: string | null }[]): Map<string, Dec> {
  const sums = new Map<string, Dec>();
  for (const row of rows) {
    if (row.vatRate === null || row.lineTotal === null) continue;
    const key = rateKey(row.vatRate);
    sums.set(key, (sums.get(key) ?? dec(0)).plus(dec(row.lineTotal)));
  }
  return sums;
}

/** The rates whose lines add up exactly to the printed base (and no line of that rate lacks a total). */
export function confirmedRates(rows: readonly ParsedRow[], breakdown: readonly VatSubtotal[]): Set<string> {
  const sums = sumsByRate(rows);
  const confirmed = new Set<string>();
  for (const entry of breakdown) {
    const key = rateKey(entry.rate);
    const incomplete = rows.some(
      (row) => row.vatRate !== null && rateKey(row.vatRate) === key && row.lineTotal === null,
    );
    if (!incomplete && sums.get(key)?.equals(dec(entry.base))) confirmed.add(key);
  }
  return confirmed;
}

function allRatesAddUp(sums: Map<string, Dec>, breakdown: readonly VatSubtotal[]): boolean {
  if (sums.size !== breakdown.length) return false;
  return breakdown.every((entry) => sums.get(rateKey(entry.rate))?.equals(dec(entry.base)) ?? false);
}

/**
 * Gives lines whose VAT word was unreadable the rate the breakdown's arithmetic allows, when exactly one
 * assignment makes every rate add up; otherwise the rows are returned unchanged (their rate stays null and
 * flagged).
 */
export function inferUnreadableRates(
  rows: readonly ParsedRow[],
  breakdown: readonly VatSubtotal[],
): ParsedRow[] {
  const unknown = rows.flatMap((row, index) => (row.vatRate === null ? [index] : []));
  if (
    unknown.length === 0 ||
    unknown.length > MAX_UNKNOWN_RATES ||
    breakdown.length === 0 ||
    rows.some((row) => row.lineTotal === null)
  ) {
    return [...rows];
  }
  const rates = breakdown.map((entry) => rateKey(entry.rate));
  const known = sumsByRate(rows);
  let solution: string[] | null = null;
  let solutions = 0;
  const assignment: string[] = [];
  const search = (position: number): void => {
    if (solutions > 1) return;
    if (position === unknown.length) {
      const sums = new Map(known);
      assignment.forEach((rate, k) => {
        const row = rows[unknown[k] ?? -1];
        sums.set(rate, (sums.get(rate) ?? dec(0)).plus(dec(row?.lineTotal ?? 0)));
      });
      if (allRatesAddUp(sums, breakdown)) {
        solutions += 1;
        solution = [...assignment];
      }
      return;
    }
    for (const rate of rates) {
      assignment[position] = rate;
      search(position + 1);
    }
  };
  search(0);
  const chosen: string[] | null = solutions === 1 ? solution : null;
  if (chosen === null) return [...rows];
  return rows.map((row, index) => {
    const k = unknown.indexOf(index);
    return k === -1 ? row : { ...row, vatRate: chosen[k] ?? null, vatUncertain: false };
  });
}
