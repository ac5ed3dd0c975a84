import { randomUUID } from 'node:crypto';
import { Prisma, type DbOrTx } from '@iris/db';
import { chunks } from './product.repository.ts';

export type PriceListKindName = 'base' | 'customer';

export interface PriceListRecord {
  id: string;
  supplierId: string;
  name: string;
  kind: PriceListKindName;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
  /** Customer relationships that use this list. */
  customerCount: number;
}

/** One row of a price list's history: the price of a product from validFrom until validTo (exclusive). */
export interface PriceEntryRecord {
  id: string;
  priceListId: string;
  productId: string;
  unitPrice: Prisma.Decimal;
  validFrom: Date;
  validTo: Date | null;
}

export interface ContractPriceRecord {
  id: string;
  supplierId: string;
  restaurantId: string;
  restaurantName: string;
  productId: string;
  sku: string;
  productName: string;
  unitPrice: Prisma.Decimal;
  validFrom: Date;
  validTo: Date | null;
  reference: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What to write to a list's entries: closes, in-place corrections and new entries, all at once. */
export interface EntryWrites {
  close: { id: string; validTo: Date }[];
  reprice: { id: string; unitPrice: string }[];
  insert: {
    priceListId: string;
    productId: string;
    unitPrice: string;
    validFrom: Date;
    validTo: Date | null;
  }[];
}

const LIST_SELECT = {
  id: true,
  supplierId: true,
  name: true,
  kind: true,
  currency: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { customers: { where: { deletedAt: null } } } },
} as const satisfies Prisma.PriceListSelect;

type ListRow = Prisma.PriceListGetPayload<{ select: typeof LIST_SELECT }>;

function toListRecord(row: ListRow): PriceListRecord {
  const { _count, ...rest } = row;
  return { ...rest, customerCount: _count.customers };
}

const ENTRY_SELECT = {
  id: true,
  priceListId: true,
  productId: true,
  unitPrice: true,
  validFrom: true,
  validTo: true,
} as const satisfies Prisma.PriceListEntrySelect;

const CONTRACT_SELECT = {
  id: true,
  supplierId: true,
  restaurantId: true,
  productId: true,
  unitPrice: true,
  validFrom: true,
  validTo: true,
  reference: true,
  createdAt: true,
  updatedAt: true,
  product: { select: { sku: true, name: true } },
  restaurant: { select: { organization: { select: { name: true } } } },
} as const satisfies Prisma.ContractPriceSelect;

type ContractRow = Prisma.ContractPriceGetPayload<{ select: typeof CONTRACT_SELECT }>;

function toContractRecord(row: ContractRow): ContractPriceRecord {
  const { product, restaurant, ...rest } = row;
  return {
    ...rest,
    sku: product.sku,
    productName: product.name,
    restaurantName: restaurant.organization.name,
  };
}

export interface ContractFilter {
  restaurantId?: string | undefined;
  productId?: string | undefined;
  /** Only contracts in force at this instant. */
  at?: Date | undefined;
}

/** Keyset position for contract lists: newest validFrom first. */
export interface ContractPage {
  limit: number;
  after?: { validFrom: Date; id: string } | undefined;
}

/** A price that applied, for a product's price history. */
export interface PriceHistoryRow {
  source: 'base' | 'customer_list' | 'contract';
  priceListId: string | null;
  priceListName: string | null;
  contractPriceId: string | null;
  restaurantId: string | null;
  unitPrice: Prisma.Decimal;
  validFrom: Date;
  validTo: Date | null;
}

/** The only code that knows how price lists, their entries and contract prices are stored. */
export class PriceRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * Serialises the catalogue's price writes per supplier (imports, list prices, contracts) until the
   * transaction ends, so two writers never both close the same entry and open overlapping ones.
   */
  async lockSupplier(supplierId: string, tx: DbOrTx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('catalog:' || ${supplierId}))`;
  }

  /** The supplier's base list id, created on first use (revived when it was deleted). */
  async ensureBaseList(supplierId: string, tx: DbOrTx = this.#db): Promise<string> {
    await tx.$executeRaw`
      INSERT INTO "price_list" ("id", "supplierId", "name", "kind", "baseOfSupplierId", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${supplierId}::uuid, 'Baspris', 'base', ${supplierId}::uuid, now())
      ON CONFLICT ("baseOfSupplierId") DO UPDATE SET "deletedAt" = NULL, "updatedAt" = now()
      WHERE "price_list"."deletedAt" IS NOT NULL`;
    const list = await tx.priceList.findFirstOrThrow({
      where: { baseOfSupplierId: supplierId },
      select: { id: true },
    });
    return list.id;
  }

  async findList(id: string, tx: DbOrTx = this.#db): Promise<PriceListRecord | null> {
    const row = await tx.priceList.findFirst({ where: { id }, select: LIST_SELECT });
    return row ? toListRecord(row) : null;
  }

  /** Base list first, then customer lists by name. */
  async listsOf(supplierId: string, tx: DbOrTx = this.#db): Promise<PriceListRecord[]> {
    const rows = await tx.priceList.findMany({
      where: { supplierId },
      select: LIST_SELECT,
      orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toListRecord);
  }

  async createList(supplierId: string, name: string, tx: DbOrTx = this.#db): Promise<PriceListRecord> {
    const row = await tx.priceList.create({
      data: { supplierId, name, kind: 'customer' },
      select: LIST_SELECT,
    });
    return toListRecord(row);
  }

  async renameList(id: string, name: string, tx: DbOrTx = this.#db): Promise<PriceListRecord | null> {
    const { count } = await tx.priceList.updateMany({ where: { id }, data: { name } });
    return count === 0 ? null : this.findList(id, tx);
  }

  /**
   * The entries of `priceListId` for these products that are in force at `from` or start later (what a
   * price change at `from` has to fit between), oldest first.
   */
  entriesFrom(
    priceListId: string,
    productIds: readonly string[],
    from: Date,
    tx: DbOrTx = this.#db,
  ): Promise<PriceEntryRecord[]> {
    if (productIds.length === 0) return Promise.resolve([]);
    return tx.priceListEntry.findMany({
      where: {
        priceListId,
        productId: { in: [...productIds] },
        OR: [{ validTo: null }, { validTo: { gt: from } }],
      },
      select: ENTRY_SELECT,
      orderBy: [{ productId: 'asc' }, { validFrom: 'asc' }],
    });
  }

  /** Applies a planned set of entry writes in a few statements (see planPriceChange). */
  async applyEntryWrites(writes: EntryWrites, tx: DbOrTx): Promise<void> {
    for (const chunk of chunks(writes.close, 5000)) {
      await tx.$executeRaw`
        UPDATE "price_list_entry" e SET "validTo" = r."validTo", "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r("id" uuid, "validTo" timestamptz)
        WHERE e."id" = r."id"`;
    }
    for (const chunk of chunks(writes.reprice, 5000)) {
      await tx.$executeRaw`
        UPDATE "price_list_entry" e SET "unitPrice" = r."unitPrice", "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r("id" uuid, "unitPrice" numeric)
        WHERE e."id" = r."id"`;
    }
    for (const chunk of chunks(writes.insert, 5000)) {
      await tx.$executeRaw`
        INSERT INTO "price_list_entry" ("id", "priceListId", "productId", "unitPrice", "validFrom", "validTo", "updatedAt")
        SELECT gen_random_uuid(), r."priceListId", r."productId", r."unitPrice", r."validFrom", r."validTo", now()
        FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r("priceListId" uuid, "productId" uuid,
          "unitPrice" numeric, "validFrom" timestamptz, "validTo" timestamptz)`;
    }
  }

  /** The entries of a list in force at `at`, with their products, in product name order. */
  async entriesAt(
    priceListId: string,
    at: Date,
    page: { limit: number; after?: { name: string; id: string } | undefined },
    tx: DbOrTx = this.#db,
  ): Promise<(PriceEntryRecord & { sku: string; productName: string })[]> {
    const after = page.after
      ? Prisma.sql`AND (p."name", p."id") > (${page.after.name}, ${page.after.id}::uuid)`
      : Prisma.empty;
    return tx.$queryRaw<(PriceEntryRecord & { sku: string; productName: string })[]>`
      SELECT e."id", e."priceListId", e."productId", e."unitPrice", e."validFrom", e."validTo",
        p."sku", p."name" AS "productName"
      FROM "price_list_entry" e JOIN "product" p ON p."id" = e."productId" AND p."deletedAt" IS NULL
      WHERE e."priceListId" = ${priceListId}::uuid AND e."deletedAt" IS NULL
        AND e."validFrom" <= ${at} AND (e."validTo" IS NULL OR e."validTo" > ${at}) ${after}
      ORDER BY p."name", p."id"
      LIMIT ${page.limit + 1}`;
  }

  // ─── Contract prices ────────────────────────────────────────────────────────────────────────────────

  async findContract(id: string, tx: DbOrTx = this.#db): Promise<ContractPriceRecord | null> {
    const row = await tx.contractPrice.findFirst({ where: { id }, select: CONTRACT_SELECT });
    return row ? toContractRecord(row) : null;
  }

  /** The restaurant's contracts for the product that end after `from` (or never), oldest first. */
  contractsFrom(
    restaurantId: string,
    productId: string,
    from: Date,
    tx: DbOrTx = this.#db,
  ): Promise<ContractPriceRecord[]> {
    return tx.contractPrice
      .findMany({
        where: { restaurantId, productId, OR: [{ validTo: null }, { validTo: { gt: from } }] },
        select: CONTRACT_SELECT,
        orderBy: [{ validFrom: 'asc' }, { id: 'asc' }],
      })
      .then((rows) => rows.map(toContractRecord));
  }

  async createContract(
    data: {
      supplierId: string;
      restaurantId: string;
      productId: string;
      unitPrice: string;
      validFrom: Date;
      validTo: Date | null;
      reference: string | null;
    },
    tx: DbOrTx,
  ): Promise<ContractPriceRecord> {
    const row = await tx.contractPrice.create({ data, select: CONTRACT_SELECT });
    return toContractRecord(row);
  }

  async setContractValidTo(id: string, validTo: Date, tx: DbOrTx): Promise<void> {
    await tx.contractPrice.updateMany({ where: { id }, data: { validTo } });
  }

  /** A contract that never started is withdrawn altogether. */
  async withdrawContract(id: string, at: Date, tx: DbOrTx): Promise<void> {
    await tx.contractPrice.updateMany({ where: { id }, data: { deletedAt: at } });
  }

  async listContracts(
    supplierId: string,
    filter: ContractFilter,
    page: ContractPage,
    tx: DbOrTx = this.#db,
  ): Promise<ContractPriceRecord[]> {
    const rows = await tx.contractPrice.findMany({
      where: {
        supplierId,
        ...(filter.restaurantId ? { restaurantId: filter.restaurantId } : {}),
        ...(filter.productId ? { productId: filter.productId } : {}),
        ...(filter.at
          ? {
              validFrom: { lte: filter.at },
              AND: [{ OR: [{ validTo: null }, { validTo: { gt: filter.at } }] }],
            }
          : {}),
        ...(page.after
          ? {
              OR: [
                { validFrom: { lt: page.after.validFrom } },
                { validFrom: page.after.validFrom, id: { gt: page.after.id } },
              ],
            }
          : {}),
      },
      select: CONTRACT_SELECT,
      orderBy: [{ validFrom: 'desc' }, { id: 'asc' }],
      take: page.limit + 1,
    });
    return rows.map(toContractRecord);
  }

  // ─── History ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Every price of a product: base list, customer lists (only `customerListIds` when given) and contracts
   * (only `restaurantId`'s when given), in chronological order.
   */
  history(
    productId: string,
    scope: { restaurantId: string | null; customerListIds: string[] | null },
    tx: DbOrTx = this.#db,
  ): Promise<PriceHistoryRow[]> {
    const lists =
      scope.customerListIds === null
        ? Prisma.sql`TRUE`
        : Prisma.sql`(pl."kind" = 'base' OR pl."id" = ANY(${scope.customerListIds}::uuid[]))`;
    const contracts =
      scope.restaurantId === null
        ? Prisma.sql`TRUE`
        : Prisma.sql`cp."restaurantId" = ${scope.restaurantId}::uuid`;
    return tx.$queryRaw<PriceHistoryRow[]>`
      SELECT * FROM (
        SELECT CASE WHEN pl."kind" = 'base' THEN 'base' ELSE 'customer_list' END AS "source",
          pl."id" AS "priceListId", pl."name" AS "priceListName", NULL::uuid AS "contractPriceId",
          NULL::uuid AS "restaurantId", e."unitPrice", e."validFrom", e."validTo", e."id" AS "rowId"
        FROM "price_list_entry" e JOIN "price_list" pl ON pl."id" = e."priceListId" AND pl."deletedAt" IS NULL
        JOIN "product" p ON p."id" = e."productId" AND pl."supplierId" = p."supplierId"
        WHERE e."productId" = ${productId}::uuid AND e."deletedAt" IS NULL AND ${lists}
        UNION ALL
        SELECT 'contract', NULL, NULL, cp."id", cp."restaurantId", cp."unitPrice", cp."validFrom", cp."validTo",
          cp."id"
        FROM "contract_price" cp
        WHERE cp."productId" = ${productId}::uuid AND cp."deletedAt" IS NULL AND ${contracts}
      ) h
      ORDER BY h."validFrom", h."source", h."rowId"`;
  }
}
