import { dec } from '@iris/core';
import type { EntryWrites } from './price.repository.ts';

export interface ExistingEntry {
  id: string;
  unitPrice: { toString(): string };
  validFrom: Date;
  /** Exclusive; null = open-ended. */
  validTo: Date | null;
}

export type PricePlan =
  { kind: 'unchanged' } | { kind: 'changed'; previous: string | null; writes: EntryWrites };

function inForceAt(entry: ExistingEntry, at: Date): boolean {
  return entry.validFrom <= at && (entry.validTo === null || entry.validTo > at);
}

/**
 * How a list's history changes when a product's price becomes `unitPrice` from `at`. Entries never
 * overlap, so at any instant at most one is in force, and they ARE the history:
 * - the entry in force at `at` has that price already → nothing is written;
 * - it started exactly at `at` (a correction of a price that has not begun, or begins now) → its price
 *   changes in place;
 * - otherwise it is closed at `at` (validTo) and a new entry runs from `at` to where the old one ended
 *   (a later, already planned price keeps its place), or to the next planned price when none was in force.
 *
 * `entries` are the list's entries for the product that are in force at `at` or start later.
 */
export function planPriceChange(
  entries: readonly ExistingEntry[],
  target: { priceListId: string; productId: string },
  unitPrice: string,
  at: Date,
): PricePlan {
  const current = entries.find((entry) => inForceAt(entry, at));
  if (current && dec(current.unitPrice.toString()).equals(dec(unitPrice))) return { kind: 'unchanged' };

  const writes: EntryWrites = { close: [], reprice: [], insert: [] };
  const previous = current ? dec(current.unitPrice.toString()).toFixed(3) : null;
  if (current && current.validFrom.getTime() === at.getTime()) {
    writes.reprice.push({ id: current.id, unitPrice });
    return { kind: 'changed', previous, writes };
  }
  let validTo: Date | null;
  if (current) {
    writes.close.push({ id: current.id, validTo: at });
    validTo = current.validTo;
  } else {
    const next = entries
      .filter((entry) => entry.validFrom > at)
      .sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime())[0];
    validTo = next?.validFrom ?? null;
  }
  writes.insert.push({ ...target, unitPrice, validFrom: at, validTo });
  return { kind: 'changed', previous, writes };
}

/** Merges the writes of many plans into one batch. */
export function mergeWrites(plans: readonly EntryWrites[]): EntryWrites {
  return {
    close: plans.flatMap((plan) => plan.close),
    reprice: plans.flatMap((plan) => plan.reprice),
    insert: plans.flatMap((plan) => plan.insert),
  };
}
