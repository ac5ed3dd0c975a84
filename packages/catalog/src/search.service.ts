import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { Acting } from '@iris/identity';
import type { CatalogAccess } from './catalog-access.ts';
import {
  buildCatalogSearchSql,
  searchModeOf,
  type CatalogSearchMode,
  type CatalogSearchParams,
  type CatalogSearchRow,
} from './search.sql.ts';

export type CatalogSearchQuery = Omit<CatalogSearchParams, 'restaurantId' | 'at'>;

/**
 * Catalogue search for a restaurant (members, admins, its keys with catalog:read): the products of the
 * suppliers it is an active customer of, with its own prices. One statement (see search.sql.ts).
 */
export class CatalogSearchService {
  readonly #db: Db;
  readonly #access: CatalogAccess;
  readonly #clock: Clock;

  constructor(deps: { db: Db; access: CatalogAccess; clock: Clock }) {
    this.#db = deps.db;
    this.#access = deps.access;
    this.#clock = deps.clock;
  }

  /** Up to limit + 1 rows (the extra one says there is a next page), and the order they are in. */
  async search(
    acting: Acting,
    restaurantId: string,
    query: CatalogSearchQuery,
  ): Promise<{ rows: CatalogSearchRow[]; mode: CatalogSearchMode }> {
    await this.#access.restaurant(acting, restaurantId);
    const sql = buildCatalogSearchSql({ ...query, restaurantId, at: this.#clock.now() });
    const rows = await this.#db.$queryRaw<CatalogSearchRow[]>(sql);
    return { rows, mode: searchModeOf(query) };
  }
}
