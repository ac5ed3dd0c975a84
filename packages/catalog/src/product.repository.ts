import {
  escapeLike,
  includeDeleted,
  nameAfter,
  byName,
  type Prisma,
  type DbOrTx,
  type ByNamePage,
} from '@iris/db';
import type { VatClassName } from '@iris/core';
import type { StockStatusName } from './catalog.schemas.ts';

/** The fields a supplier writes (searchText is derived from them by the service). */
export interface ProductData {
  sku: string;
  gtin: string | null;
  name: string;
  description: string | null;
  brand: string | null;
  categoryId: string | null;
  unit: string;
  packSize: string | null;
  vatClass: VatClassName;
  stockStatus: StockStatusName;
  imageUrls: string[];
  active: boolean;
  searchText: string;
}

/** A product as the catalogue reads it, with its category path. */
export interface ProductRecord extends ProductData {
  id: string;
  supplierId: string;
  categoryPath: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface ProductListFilter {
  active?: boolean | undefined;
  inStock?: boolean | undefined;
  /** Category ids to match (a category and its subtree). */
  categoryIds?: string[] | undefined;
  /** Folded text, matched anywhere in searchText. */
  text?: string | undefined;
}

/** Keyset position: the (name, id) of the last row of the previous page, name order. */
export type ProductPage = ByNamePage;

const PRODUCT_SELECT = {
  id: true,
  supplierId: true,
  sku: true,
  gtin: true,
  name: true,
  description: true,
  brand: true,
  categoryId: true,
  unit: true,
  packSize: true,
  vatClass: true,
  stockStatus: true,
  imageUrls: true,
  active: true,
  searchText: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  category: { select: { path: true } },
} as const satisfies Prisma.ProductSelect;

type ProductRow = Prisma.ProductGetPayload<{ select: typeof PRODUCT_SELECT }>;

function toRecord(row: ProductRow): ProductRecord {
  const { category, ...rest } = row;
  return { ...rest, categoryPath: category?.path ?? null };
}

/** In stock means orderable now: in stock or running low. */
export const IN_STOCK_STATUSES: StockStatusName[] = ['in_stock', 'low_stock'];

/** The only code that knows how products are stored. */
export class ProductRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async findById(id: string, tx: DbOrTx = this.#db): Promise<ProductRecord | null> {
    const row = await tx.product.findFirst({ where: { id }, select: PRODUCT_SELECT });
    return row ? toRecord(row) : null;
  }

  /** By SKU, soft-deleted products included (the SKU stays taken: an import revives them). */
  async findBySkus(
    supplierId: string,
    skus: readonly string[],
    tx: DbOrTx = this.#db,
  ): Promise<ProductRecord[]> {
    if (skus.length === 0) return [];
    const rows = await tx.product.findMany({
      where: includeDeleted({ supplierId, sku: { in: [...skus] } }),
      select: PRODUCT_SELECT,
    });
    return rows.map(toRecord);
  }

  /** Live products of the supplier by id (for bulk price updates by product id). */
  async findManyOfSupplier(
    supplierId: string,
    ids: readonly string[],
    tx: DbOrTx = this.#db,
  ): Promise<ProductRecord[]> {
    if (ids.length === 0) return [];
    const rows = await tx.product.findMany({
      where: { supplierId, id: { in: [...ids] } },
      select: PRODUCT_SELECT,
    });
    return rows.map(toRecord);
  }

  async create(supplierId: string, data: ProductData, tx: DbOrTx = this.#db): Promise<ProductRecord> {
    const row = await tx.product.create({ data: { ...data, supplierId }, select: PRODUCT_SELECT });
    return toRecord(row);
  }

  /** Updates a live product; null when it is gone. */
  async update(id: string, data: Partial<ProductData>, tx: DbOrTx = this.#db): Promise<ProductRecord | null> {
    const { count } = await tx.product.updateMany({ where: { id }, data });
    if (count === 0) return null;
    return this.findById(id, tx);
  }

  async list(
    supplierId: string,
    filter: ProductListFilter,
    page: ProductPage,
    tx: DbOrTx = this.#db,
  ): Promise<ProductRecord[]> {
    const where: Prisma.ProductWhereInput = {
      supplierId,
      ...(filter.active !== undefined ? { active: filter.active } : {}),
      ...(filter.inStock !== undefined
        ? { stockStatus: filter.inStock ? { in: IN_STOCK_STATUSES } : 'out_of_stock' }
        : {}),
      ...(filter.categoryIds ? { categoryId: { in: filter.categoryIds } } : {}),
      ...(filter.text ? { searchText: { contains: escapeLike(filter.text) } } : {}),
      ...nameAfter(page.after),
    };
    const rows = await tx.product.findMany({
      where,
      select: PRODUCT_SELECT,
      orderBy: byName(),
      take: page.limit + 1,
    });
    return rows.map(toRecord);
  }

  /** Bulk insert (imports): one statement per chunk, the rows as one JSON parameter. */
  async insertMany(
    rows: readonly (ProductData & { id: string; supplierId: string })[],
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    for (const chunk of chunks(rows, 2000)) {
      await tx.$executeRaw`
        INSERT INTO "product" ("id", "supplierId", "sku", "gtin", "name", "description", "brand", "categoryId",
          "unit", "packSize", "vatClass", "stockStatus", "imageUrls", "active", "searchText", "updatedAt")
        SELECT r."id", r."supplierId", r."sku", r."gtin", r."name", r."description", r."brand", r."categoryId",
          r."unit", r."packSize", r."vatClass"::"VatClass", r."stockStatus"::"StockStatus",
          ARRAY(SELECT jsonb_array_elements_text(r."imageUrls")), r."active", r."searchText", now()
        FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r("id" uuid, "supplierId" uuid, "sku" text,
          "gtin" text, "name" text, "description" text, "brand" text, "categoryId" uuid, "unit" text,
          "packSize" text, "vatClass" text, "stockStatus" text, "imageUrls" jsonb, "active" boolean,
          "searchText" text)`;
    }
  }

  /**
   * Bulk update (imports): every field of each row is written, and soft-deleted rows come back to life.
   * Only rows that differ are passed in, so unchanged products keep their updatedAt.
   */
  async updateMany(rows: readonly (ProductData & { id: string })[], tx: DbOrTx = this.#db): Promise<void> {
    for (const chunk of chunks(rows, 2000)) {
      await tx.$executeRaw`
        UPDATE "product" p SET "sku" = r."sku", "gtin" = r."gtin", "name" = r."name",
          "description" = r."description", "brand" = r."brand", "categoryId" = r."categoryId", "unit" = r."unit",
          "packSize" = r."packSize", "vatClass" = r."vatClass"::"VatClass",
          "stockStatus" = r."stockStatus"::"StockStatus",
          "imageUrls" = ARRAY(SELECT jsonb_array_elements_text(r."imageUrls")), "active" = r."active",
          "searchText" = r."searchText", "deletedAt" = NULL, "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r("id" uuid, "sku" text, "gtin" text,
          "name" text, "description" text, "brand" text, "categoryId" uuid, "unit" text, "packSize" text,
          "vatClass" text, "stockStatus" text, "imageUrls" jsonb, "active" boolean, "searchText" text)
        WHERE p."id" = r."id"`;
    }
  }
}

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}
