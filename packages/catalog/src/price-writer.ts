import type { DbOrTx } from '@iris/db';
import { mergeWrites, planPriceChange, type ExistingEntry } from './price-plan.ts';
import type { EntryWrites, PriceRepository } from './price.repository.ts';

export interface PriceOutcome {
  changed: boolean;
  /** The price in force before (3 decimals), null when there was none. */
  previous: string | null;
}

/**
 * Writes list prices the one way (planPriceChange): imports, product list prices and bulk price updates
 * all go through here. The caller holds the supplier's catalogue lock in the same transaction.
 */
export class PriceWriter {
  readonly #repo: PriceRepository;

  constructor(repo: PriceRepository) {
    this.#repo = repo;
  }

  async setPrices(
    tx: DbOrTx,
    priceListId: string,
    items: readonly { productId: string; unitPrice: string }[],
    at: Date,
  ): Promise<Map<string, PriceOutcome>> {
    const entries = await this.#repo.entriesFrom(
      priceListId,
      items.map((item) => item.productId),
      at,
      tx,
    );
    const byProduct = new Map<string, ExistingEntry[]>();
    for (const entry of entries) {
      const list = byProduct.get(entry.productId) ?? [];
      list.push(entry);
      byProduct.set(entry.productId, list);
    }
    const outcomes = new Map<string, PriceOutcome>();
    const writes: EntryWrites[] = [];
    for (const item of items) {
      const plan = planPriceChange(
        byProduct.get(item.productId) ?? [],
        { priceListId, productId: item.productId },
        item.unitPrice,
        at,
      );
      if (plan.kind === 'unchanged') {
        outcomes.set(item.productId, { changed: false, previous: null });
      } else {
        outcomes.set(item.productId, { changed: true, previous: plan.previous });
        writes.push(plan.writes);
      }
    }
    if (writes.length > 0) await this.#repo.applyEntryWrites(mergeWrites(writes), tx);
    return outcomes;
  }
}
