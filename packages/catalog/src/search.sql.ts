import { foldForSearch } from '@iris/core';
import { escapeLike, Prisma } from '@iris/db';

/**
 * Catalogue search as ONE SQL statement (one round trip), built here and run as is by the search service
 * and, straight through `pg`, by the benchmark (`sql.text` has $1… parameters, `sql.values` the values;
 * `sql.sql` has `?` parameter markers and does not run on PostgreSQL).
 *
 * Scope: active, not deleted products of the suppliers the restaurant is an ACTIVE customer of.
 *
 * Matching, on product.searchText (name, brand, SKU, GTIN and category path, folded with foldForSearch):
 * 1. Every query word must occur: words of 3+ characters anywhere (LIKE '%word%', answered by the GIN
 *    trigram index product_searchText_idx), shorter ones at the start of a word.
 * 2. Only when that finds nothing (a typo): typo-tolerant trigram matching, every 3+ character word with
 *    `word <% searchText` (pg_trgm word similarity ≥ pg_trgm.word_similarity_threshold, default 0.6; the
 *    same GIN index). Substring matching first keeps the common case cheap: word_similarity costs a few
 *    microseconds a row, LIKE a fraction of one, and typos are what similarity is for.
 *
 * Relevance (a number, higher first): 4 exact SKU or GTIN, 3 the query starts the name, 2 every word starts
 * a word, 1 substring matches; plus, under 1, how much of the text the query covers. Typo matches score
 * their mean word similarity (0–1), below every substring match.
 *
 * Prices are the restaurant's resolved prices (contract, else customer list, else base list; the same rule
 * as PriceResolver/resolvedPriceJoins), computed per row only where needed: for every hit when filtering or
 * sorting by price, else for the page alone. Browsing (no query) in name order walks product_name_id_idx.
 *
 * Cost (100,000 products, docs in bench/README.md): what matters is how many rows get a per-row test.
 * - The trigram index picks the text matches. Without a supplier or category filter the scope test is
 *   written so it cannot be an index condition (`(… = ANY(…)) IS TRUE`): otherwise the planner, which
 *   prices LIKE like an integer comparison, reads a common term ("Eldorado", "mjö": 7–9 % of the rows)
 *   through the supplier index and tests LIKE on the whole scope (up to 90,000 rows) instead of on the
 *   ~8,000 the trigram index finds. With a supplier or category filter the btree narrows well and may drive.
 * - Words under 3 characters next to a longer one are tested per row, not through the index: trigram
 *   scans for "kg" or "5" cost more than they save (and would split the scan into OR branches).
 * - Typos: `searchText %> word` is the index's own operator form, so word_similarity is not evaluated a
 *   second time as a filter.
 * - Relevance is computed for every hit only in relevance order; other orders score their page alone.
 * - Price order or price filters price every hit: the restaurant's contract prices are hash-joined once,
 *   and the lists are looked up through COALESCE (the base list only when the customer list has no price).
 */

export const CATALOG_SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'name'] as const;
export type CatalogSearchSort = (typeof CATALOG_SEARCH_SORTS)[number];

/** The order a search really uses: relevance needs a query (browsing without one is in name order). */
export type CatalogSearchMode = 'relevance' | 'price_asc' | 'price_desc' | 'name';

export interface CatalogSearchCursor {
  /** The sort key of the last row: score or price as a decimal string, or the name; null for no price. */
  key: string | null;
  id: string;
}

export interface CatalogSearchParams {
  restaurantId: string;
  /** The instant prices are resolved at. */
  at: Date;
  q?: string | undefined;
  supplierId?: string | undefined;
  /** The category and its whole subtree. */
  categoryId?: string | undefined;
  /** On the resolved unit price (decimal strings). */
  minPrice?: string | undefined;
  maxPrice?: string | undefined;
  /** true: in stock or low; false: out of stock. */
  inStock?: boolean | undefined;
  sort?: CatalogSearchSort | undefined;
  /** Page size: the statement returns up to limit + 1 rows (the extra one says there is a next page). */
  limit: number;
  after?: CatalogSearchCursor | undefined;
}

/** One row of the statement (numbers as text, so pg and Prisma return the same). */
export interface CatalogSearchRow {
  productId: string;
  supplierId: string;
  supplierName: string;
  sku: string;
  gtin: string | null;
  name: string;
  brand: string | null;
  categoryId: string | null;
  categoryPath: string | null;
  unit: string;
  packSize: string | null;
  vatClass: string;
  stockStatus: string;
  imageUrls: string[];
  unitPrice: string | null;
  priceSource: 'contract' | 'customer_list' | 'base' | null;
  listPrice: string | null;
  score: string | null;
}

const MAX_WORDS = 8;
/** Words this long are matched anywhere (trigram-indexed); shorter ones only at the start of a word. */
const SUBSTRING_MIN = 3;

/** The query as words (folded, distinct, at most 8). */
export function searchWords(q: string | undefined): string[] {
  const folded = foldForSearch(q ?? '');
  if (folded === '') return [];
  return [...new Set(folded.split(' ').filter(Boolean))].slice(0, MAX_WORDS);
}

export function searchModeOf(params: Pick<CatalogSearchParams, 'q' | 'sort'>): CatalogSearchMode {
  const sort = params.sort ?? 'relevance';
  if (sort === 'relevance' && searchWords(params.q).length === 0) return 'name';
  return sort;
}

/** The cursor after a row, for the mode the rows were sorted in. */
export function searchCursorOf(row: CatalogSearchRow, mode: CatalogSearchMode): CatalogSearchCursor {
  const key = mode === 'relevance' ? row.score : mode === 'name' ? row.name : row.unitPrice;
  return { key, id: row.productId };
}

const PRICE = Prisma.sql`COALESCE(contract."unitPrice", customer."unitPrice", base."unitPrice")`;

function priceJoins(restaurantId: string, at: Date): Prisma.Sql {
  // As resolvedPriceJoins, with the two list ids of the product's supplier taken from `s` (the scope row).
  return Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT cp."unitPrice" FROM "contract_price" cp
      WHERE cp."restaurantId" = ${restaurantId}::uuid AND cp."productId" = p."id" AND cp."deletedAt" IS NULL
        AND cp."validFrom" <= ${at}::timestamptz AND (cp."validTo" IS NULL OR cp."validTo" > ${at}::timestamptz)
      ORDER BY cp."validFrom" DESC LIMIT 1
    ) contract ON TRUE
    LEFT JOIN LATERAL (
      SELECT e."unitPrice" FROM "price_list_entry" e
      WHERE s."customerListId" IS NOT NULL AND e."priceListId" = s."customerListId" AND e."productId" = p."id"
        AND e."deletedAt" IS NULL
        AND e."validFrom" <= ${at}::timestamptz AND (e."validTo" IS NULL OR e."validTo" > ${at}::timestamptz)
      ORDER BY e."validFrom" DESC LIMIT 1
    ) customer ON TRUE
    LEFT JOIN LATERAL (
      SELECT e."unitPrice" FROM "price_list_entry" e
      WHERE s."baseListId" IS NOT NULL AND e."priceListId" = s."baseListId" AND e."productId" = p."id"
        AND e."deletedAt" IS NULL
        AND e."validFrom" <= ${at}::timestamptz AND (e."validTo" IS NULL OR e."validTo" > ${at}::timestamptz)
      ORDER BY e."validFrom" DESC LIMIT 1
    ) base ON TRUE`;
}

/**
 * The same price for every hit (sorting or filtering by price), cheaper per row: the restaurant's contract
 * prices (few) are read once and hash-joined, and COALESCE stops at the first price found, so the base
 * list is only looked up for products without a customer list price.
 */
function everyHitPrice(restaurantId: string, at: Date): { join: Prisma.Sql; price: Prisma.Sql } {
  const entry = (listId: Prisma.Sql) => Prisma.sql`(
      SELECT e."unitPrice" FROM "price_list_entry" e
      WHERE e."priceListId" = ${listId} AND e."productId" = p."id" AND e."deletedAt" IS NULL
        AND e."validFrom" <= ${at}::timestamptz AND (e."validTo" IS NULL OR e."validTo" > ${at}::timestamptz)
      ORDER BY e."validFrom" DESC LIMIT 1)`;
  return {
    join: Prisma.sql`
    LEFT JOIN (
      SELECT DISTINCT ON (cp."productId") cp."productId", cp."unitPrice" FROM "contract_price" cp
      WHERE cp."restaurantId" = ${restaurantId}::uuid AND cp."deletedAt" IS NULL
        AND cp."validFrom" <= ${at}::timestamptz AND (cp."validTo" IS NULL OR cp."validTo" > ${at}::timestamptz)
      ORDER BY cp."productId", cp."validFrom" DESC
    ) contract ON contract."productId" = p."id"`,
    price: Prisma.sql`COALESCE(contract."unitPrice", ${entry(Prisma.sql`s."customerListId"`)}, ${entry(Prisma.sql`s."baseListId"`)})`,
  };
}

const OUTPUT_COLUMNS = Prisma.sql`
  p."id" AS "productId", p."supplierId", s."supplierName", p."sku", p."gtin", p."name", p."brand",
  p."categoryId", c."path" AS "categoryPath", p."unit", p."packSize", p."vatClass"::text AS "vatClass",
  p."stockStatus"::text AS "stockStatus", p."imageUrls",
  ${PRICE}::text AS "unitPrice",
  CASE
    WHEN contract."unitPrice" IS NOT NULL THEN 'contract'
    WHEN customer."unitPrice" IS NOT NULL THEN 'customer_list'
    WHEN base."unitPrice" IS NOT NULL THEN 'base'
  END AS "priceSource",
  base."unitPrice"::text AS "listPrice"`;

function and(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND ');
}

/** The expressions a sort and its cursor use, per stage of the statement. */
interface SortColumns {
  score: Prisma.Sql;
  price: Prisma.Sql;
  name: Prisma.Sql;
  id: Prisma.Sql;
}

function orderBy(mode: CatalogSearchMode, c: SortColumns): Prisma.Sql {
  switch (mode) {
    case 'relevance':
      return Prisma.sql`${c.score} DESC, ${c.id}`;
    case 'name':
      return Prisma.sql`${c.name}, ${c.id}`;
    case 'price_asc':
      return Prisma.sql`${c.price} ASC NULLS LAST, ${c.id}`;
    case 'price_desc':
      return Prisma.sql`${c.price} DESC NULLS LAST, ${c.id}`;
  }
}

/** Rows after the cursor, in the mode's order (products without a price come last in price orders). */
function keyset(
  mode: CatalogSearchMode,
  after: CatalogSearchCursor | undefined,
  c: SortColumns,
): Prisma.Sql[] {
  if (!after) return [];
  const id = Prisma.sql`${after.id}::uuid`;
  switch (mode) {
    case 'relevance': {
      const key = Prisma.sql`${after.key ?? '0'}::numeric`;
      return [Prisma.sql`(${c.score} < ${key} OR (${c.score} = ${key} AND ${c.id} > ${id}))`];
    }
    case 'name':
      return [Prisma.sql`(${c.name}, ${c.id}) > (${after.key ?? ''}::text, ${id})`];
    case 'price_asc':
    case 'price_desc': {
      if (after.key === null) return [Prisma.sql`(${c.price} IS NULL AND ${c.id} > ${id})`];
      const key = Prisma.sql`${after.key}::numeric`;
      const beyond = mode === 'price_asc' ? Prisma.sql`>` : Prisma.sql`<`;
      return [
        Prisma.sql`(${c.price} ${beyond} ${key} OR (${c.price} = ${key} AND ${c.id} > ${id}) OR ${c.price} IS NULL)`,
      ];
    }
  }
}

/** Builds the search statement. Inputs are assumed valid (the service parses them first). */
export function buildCatalogSearchSql(params: CatalogSearchParams): Prisma.Sql {
  const mode = searchModeOf(params);
  const words = searchWords(params.q);
  const fetch = params.limit + 1;

  const scope = Prisma.sql`scope AS MATERIALIZED (
    SELECT cr."supplierId", o."name" AS "supplierName",
      (SELECT pl."id" FROM "price_list" pl WHERE pl."id" = cr."priceListId" AND pl."supplierId" = cr."supplierId"
        AND pl."deletedAt" IS NULL) AS "customerListId",
      (SELECT pl."id" FROM "price_list" pl WHERE pl."baseOfSupplierId" = cr."supplierId"
        AND pl."deletedAt" IS NULL) AS "baseListId"
    FROM "customer_relationship" cr
    JOIN "organization" o ON o."id" = cr."supplierId" AND o."deletedAt" IS NULL
    JOIN "supplier" su ON su."id" = cr."supplierId" AND su."deletedAt" IS NULL
    WHERE cr."restaurantId" = ${params.restaurantId}::uuid AND cr."status" = 'active' AND cr."deletedAt" IS NULL
      ${params.supplierId ? Prisma.sql`AND cr."supplierId" = ${params.supplierId}::uuid` : Prisma.empty}
  )`;

  const base: Prisma.Sql[] = [
    Prisma.sql`p."supplierId" = ANY(ARRAY(SELECT "supplierId" FROM scope))`,
    Prisma.sql`p."active"`,
    Prisma.sql`p."deletedAt" IS NULL`,
  ];
  if (params.categoryId) {
    base.push(Prisma.sql`p."categoryId" = ANY(ARRAY(
      SELECT c."id" FROM "category" c, "category" root
      WHERE root."id" = ${params.categoryId}::uuid AND c."deletedAt" IS NULL
        AND (c."path" = root."path" OR left(c."path", length(root."path") + 1) = root."path" || '/')))`);
  }
  if (params.inStock !== undefined) {
    base.push(
      params.inStock
        ? Prisma.sql`p."stockStatus" IN ('in_stock', 'low_stock')`
        : Prisma.sql`p."stockStatus" = 'out_of_stock'`,
    );
  }

  const priceFilter: Prisma.Sql[] = [];
  if (params.minPrice !== undefined) priceFilter.push(Prisma.sql`${PRICE} >= ${params.minPrice}::numeric`);
  if (params.maxPrice !== undefined) priceFilter.push(Prisma.sql`${PRICE} <= ${params.maxPrice}::numeric`);
  const needsPrice = priceFilter.length > 0 || mode === 'price_asc' || mode === 'price_desc';

  const scopeRow = Prisma.sql`CROSS JOIN LATERAL (SELECT * FROM scope WHERE scope."supplierId" = p."supplierId") s`;
  const joins = Prisma.sql`
    ${scopeRow}
    LEFT JOIN "category" c ON c."id" = p."categoryId"
    ${priceJoins(params.restaurantId, params.at)}`;
  const productColumns: SortColumns = {
    score: Prisma.sql`NULL::numeric`,
    price: PRICE,
    name: Prisma.sql`p."name"`,
    id: Prisma.sql`p."id"`,
  };

  if (words.length === 0) {
    // Browsing: one pass over the scope, in the requested order (name order walks product_name_id_idx and
    // stops after the page; prices are computed for the rows it passes).
    return Prisma.sql`
      WITH ${scope}
      SELECT ${OUTPUT_COLUMNS}, NULL::text AS "score"
      FROM "product" p ${joins}
      WHERE ${and([...base, ...priceFilter, ...keyset(mode, params.after, productColumns)])}
      ORDER BY ${orderBy(mode, productColumns)}
      LIMIT ${fetch}::int`;
  }

  const folded = words.join(' ');
  const raw = (params.q ?? '').trim();
  const longWords = words.filter((word) => word.length >= SUBSTRING_MIN);
  // A word starts a word of the text. Indexed: both forms are answered by the trigram index (a leading
  // space marks a word start for pg_trgm), for queries of short words only. Otherwise one test per row
  // (not an index condition): the long words narrow the rows far better than "kg" or "5" would, and
  // trigram scans for such common short words cost more than they save.
  const wordStartIndexed = (word: string) =>
    Prisma.sql`(p."searchText" LIKE ${`${escapeLike(word)}%`}::text OR p."searchText" LIKE ${`% ${escapeLike(word)}%`}::text)`;
  const wordStart = (word: string) =>
    Prisma.sql`(' ' || p."searchText") LIKE ${`% ${escapeLike(word)}%`}::text`;
  const shortWord = longWords.length === 0 ? wordStartIndexed : wordStart;
  const substring = words.map((word) =>
    word.length >= SUBSTRING_MIN
      ? Prisma.sql`p."searchText" LIKE ${`%${escapeLike(word)}%`}::text`
      : shortWord(word),
  );
  const substringScore = Prisma.sql`round(
    (CASE
      WHEN lower(p."sku") = lower(${raw}::text) OR p."gtin" = ${raw}::text THEN 4
      WHEN p."searchText" LIKE ${`${escapeLike(folded)}%`}::text THEN 3
      WHEN ${and(words.map(wordStart))} THEN 2
      ELSE 1
    END) + least(0.999999, length(${folded}::text)::numeric / greatest(length(p."searchText"), 1)), 6)`;

  // The trigram index drives the text matches: wrapped, the scope test is no index condition, so the
  // planner cannot read the restaurant's whole scope through the supplier index and test every row.
  const textBase =
    params.supplierId || params.categoryId ? base : [Prisma.sql`(${base[0]!}) IS TRUE`, ...base.slice(1)];
  // Typo matching needs a word of 3+ characters (there is no fuzzy pass without one).
  const fuzzyScore =
    longWords.length === 0
      ? Prisma.sql`NULL::numeric`
      : Prisma.sql`round((${Prisma.join(
          longWords.map((word) => Prisma.sql`word_similarity(${word}::text, p."searchText")::numeric`),
          ' + ',
        )}) / ${longWords.length}::numeric, 6)`;
  // Ranking every hit is for relevance order; the other orders score their page alone (at the end).
  const ranked = mode === 'relevance';
  const fuzzy =
    longWords.length === 0
      ? Prisma.empty
      : Prisma.sql`
      UNION ALL
      SELECT p."id", p."supplierId", p."name", ${ranked ? fuzzyScore : Prisma.sql`NULL::numeric`} AS "score"
      FROM "product" p
      WHERE NOT EXISTS (SELECT 1 FROM matched) AND ${and([
        ...base,
        ...words.map((word) =>
          word.length >= SUBSTRING_MIN ? Prisma.sql`p."searchText" %> ${word}::text` : shortWord(word),
        ),
      ])}`;

  // Hits carry what ordering needs, so the page is chosen without going back to the product table.
  const hits = Prisma.sql`
    matched AS MATERIALIZED (
      SELECT p."id", p."supplierId", p."name", ${ranked ? substringScore : Prisma.sql`NULL::numeric`} AS "score"
      FROM "product" p
      WHERE ${and([...textBase, ...substring])}
    ),
    hits AS (
      SELECT "id", "supplierId", "name", "score" FROM matched
      ${fuzzy}
    )`;
  const hitColumns = (price: Prisma.Sql): SortColumns => ({
    score: Prisma.sql`p."score"`,
    price,
    name: Prisma.sql`p."name"`,
    id: Prisma.sql`p."id"`,
  });

  // With price conditions every hit needs its price; otherwise only the page's rows do.
  const hitPrice = everyHitPrice(params.restaurantId, params.at);
  const hitPriceFilter: Prisma.Sql[] = [];
  if (params.minPrice !== undefined)
    hitPriceFilter.push(Prisma.sql`p."price" >= ${params.minPrice}::numeric`);
  if (params.maxPrice !== undefined)
    hitPriceFilter.push(Prisma.sql`p."price" <= ${params.maxPrice}::numeric`);
  const page = needsPrice
    ? Prisma.sql`
    priced AS MATERIALIZED (
      SELECT p."id", p."score", p."name", ${hitPrice.price} AS "price"
      FROM hits p ${scopeRow} ${hitPrice.join}
    ),
    page AS (
      SELECT p."id", p."score" FROM priced p
      WHERE ${and([...hitPriceFilter, ...keyset(mode, params.after, hitColumns(Prisma.sql`p."price"`))])}
      ORDER BY ${orderBy(mode, hitColumns(Prisma.sql`p."price"`))}
      LIMIT ${fetch}::int
    )`
    : Prisma.sql`
    page AS (
      SELECT p."id", p."score" FROM hits p
      WHERE ${and(keyset(mode, params.after, hitColumns(Prisma.sql`NULL::numeric`)))}
      ORDER BY ${orderBy(mode, hitColumns(Prisma.sql`NULL::numeric`))}
      LIMIT ${fetch}::int
    )`;

  const score = ranked
    ? Prisma.sql`h."score"`
    : longWords.length === 0
      ? substringScore
      : Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM matched) THEN ${substringScore} ELSE ${fuzzyScore} END`;
  return Prisma.sql`
    WITH ${scope}, ${hits}, ${page}
    SELECT ${OUTPUT_COLUMNS}, ${score}::text AS "score"
    FROM page h JOIN "product" p ON p."id" = h."id" ${joins}
    ORDER BY ${orderBy(mode, { ...productColumns, score: Prisma.sql`h."score"` })}`;
}
