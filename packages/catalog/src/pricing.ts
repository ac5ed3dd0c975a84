import { dec, type Dec } from '@iris/core';
import { Prisma, type DbOrTx } from '@iris/db';

/** Where a resolved price came from, in the order they win. */
export const PRICE_SOURCES = ['contract', 'customer_list', 'base'] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

/** The price one restaurant sees and pays for one product at one instant. */
export interface ResolvedPrice {
  productId: string;
  /** Per unit, up to 3 decimals. */
  unitPrice: Dec;
  currency: 'SEK';
  source: PriceSource;
  /** The list price (base list), when there is one: what the restaurant saves is list − unit. */
  listPrice: Dec | null;
}

/**
 * The SQL that resolves prices, as lateral joins onto a product row aliased `p`: for restaurant `r` at
 * instant `at`, a contract price valid then wins, else the entry on the customer's price list (the
 * relationship's priceListId), else the supplier's base list. Shared by the resolver and by search, so a
 * price shown in a search result is the price the cart and the order use.
 *
 * A customer list counts only when it is the supplier's own (a list id of another supplier set on a
 * relationship changes nothing). The search statement (search.sql.ts) applies the same rule with the list
 * ids taken from its scope: change both together.
 *
 * Produces the columns "resolvedPrice", "priceSource" and "listPrice" through `resolved`, `base`.
 */
export function resolvedPriceJoins(restaurantId: string | null, at: Date): Prisma.Sql {
  return Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT cp."unitPrice" FROM "contract_price" cp
      WHERE ${restaurantId}::uuid IS NOT NULL AND cp."restaurantId" = ${restaurantId}::uuid
        AND cp."productId" = p."id" AND cp."deletedAt" IS NULL
        AND cp."validFrom" <= ${at} AND (cp."validTo" IS NULL OR cp."validTo" > ${at})
      ORDER BY cp."validFrom" DESC LIMIT 1
    ) contract ON TRUE
    LEFT JOIN LATERAL (
      SELECT e."unitPrice" FROM "customer_relationship" cr
      JOIN "price_list" cl ON cl."id" = cr."priceListId" AND cl."supplierId" = p."supplierId"
        AND cl."deletedAt" IS NULL
      JOIN "price_list_entry" e ON e."priceListId" = cl."id"
      WHERE ${restaurantId}::uuid IS NOT NULL AND cr."restaurantId" = ${restaurantId}::uuid
        AND cr."supplierId" = p."supplierId" AND cr."deletedAt" IS NULL
        AND e."productId" = p."id" AND e."deletedAt" IS NULL
        AND e."validFrom" <= ${at} AND (e."validTo" IS NULL OR e."validTo" > ${at})
      ORDER BY e."validFrom" DESC LIMIT 1
    ) customer ON TRUE
    LEFT JOIN LATERAL (
      SELECT e."unitPrice" FROM "price_list" pl
      JOIN "price_list_entry" e ON e."priceListId" = pl."id"
      WHERE pl."baseOfSupplierId" = p."supplierId" AND pl."deletedAt" IS NULL
        AND e."productId" = p."id" AND e."deletedAt" IS NULL
        AND e."validFrom" <= ${at} AND (e."validTo" IS NULL OR e."validTo" > ${at})
      ORDER BY e."validFrom" DESC LIMIT 1
    ) base ON TRUE`;
}

/** The resolved columns over `resolvedPriceJoins`. */
export const RESOLVED_PRICE_COLUMNS = Prisma.sql`
  COALESCE(contract."unitPrice", customer."unitPrice", base."unitPrice") AS "resolvedPrice",
  CASE
    WHEN contract."unitPrice" IS NOT NULL THEN 'contract'
    WHEN customer."unitPrice" IS NOT NULL THEN 'customer_list'
    WHEN base."unitPrice" IS NOT NULL THEN 'base'
  END AS "priceSource",
  base."unitPrice" AS "listPrice"`;

interface ResolvedRow {
  productId: string;
  resolvedPrice: Prisma.Decimal | null;
  priceSource: PriceSource | null;
  listPrice: Prisma.Decimal | null;
}

/** Resolves prices for a restaurant (the only code that knows how prices are stored and chosen). */
export class PriceResolver {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * The price of each product for `restaurantId` (null: the supplier's list price, as an anonymous
   * supplier view) at `at`. Products with no price at all are absent from the map, and so are all of a
   * supplier's products for a restaurant that is not (or no longer) its active customer: a blocked or
   * former customer sees no prices.
   */
  async resolve(
    restaurantId: string | null,
    productIds: readonly string[],
    at: Date,
    tx: DbOrTx = this.#db,
  ): Promise<Map<string, ResolvedPrice>> {
    if (productIds.length === 0) return new Map();
    const rows = await tx.$queryRaw<ResolvedRow[]>`
      SELECT p."id" AS "productId", ${RESOLVED_PRICE_COLUMNS}
      FROM "product" p
      ${resolvedPriceJoins(restaurantId, at)}
      WHERE p."id" = ANY(${[...productIds]}::uuid[])
        AND (${restaurantId}::uuid IS NULL OR EXISTS (
          SELECT 1 FROM "customer_relationship" cr
          WHERE cr."restaurantId" = ${restaurantId}::uuid AND cr."supplierId" = p."supplierId"
            AND cr."status" = 'active' AND cr."deletedAt" IS NULL))`;
    const prices = new Map<string, ResolvedPrice>();
    for (const row of rows) {
      if (row.resolvedPrice === null || row.priceSource === null) continue;
      prices.set(row.productId, {
        productId: row.productId,
        unitPrice: dec(row.resolvedPrice.toString()),
        currency: 'SEK',
        source: row.priceSource,
        listPrice: row.listPrice === null ? null : dec(row.listPrice.toString()),
      });
    }
    return prices;
  }
}
