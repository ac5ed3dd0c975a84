import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, parseInput, type Clock } from '@iris/core';
import { inTransaction, type Db, type Tx, type NewestFirstPage } from '@iris/db';
import type { Acting, AuditLog, Grant } from '@iris/identity';
import type { CatalogAccess } from './catalog-access.ts';
import type { CategoryRecord, CategoryRepository } from './category.repository.ts';
import {
  IMPORT_FORMATS,
  readCatalogFile,
  REQUIRED_FOR_NEW,
  validateRow,
  type ImportFormat,
  type ImportItem,
  type ParsedFile,
  type RowIssue,
} from './import-parse.ts';
import type { CatalogImportRecord, CatalogImportRepository } from './import.repository.ts';
import type { PriceRepository } from './price.repository.ts';
import type { PriceWriter } from './price-writer.ts';
import { changedProductFields, productSearchText } from './product.service.ts';
import type { ProductData, ProductRecord, ProductRepository } from './product.repository.ts';
import { isUuid } from './validation.ts';

export const ZImportInput = z.object({
  format: z.enum(IMPORT_FORMATS),
  content: z
    .string()
    .min(1)
    .max(1_000_000)
    .meta({ description: 'The whole file as text (CSV with a header line, or a JSON array of products)' }),
});
export type ImportInput = z.input<typeof ZImportInput>;

/**
 * The largest file a run reads: 8 MiB, the limit of the upload route (POST …/catalog/imports/file, the raw
 * file as the body). `ZImportInput` keeps the 1 MB of a JSON body; MAX_IMPORT_ROWS bounds the rows either way.
 */
export const MAX_IMPORT_FILE_BYTES = 8 * 1024 * 1024;

/** What `run` accepts: a file of up to MAX_IMPORT_FILE_BYTES (a UTF-8 file has at most as many characters). */
const ZImportRunInput = ZImportInput.extend({ content: z.string().min(1).max(MAX_IMPORT_FILE_BYTES) });

function importNotFound(id: string): AppError {
  return new AppError('CATALOG_IMPORT_NOT_FOUND', `No catalogue import ${id} that you can see.`);
}

interface Planned {
  inserts: (ProductData & { id: string; supplierId: string })[];
  updates: (ProductData & { id: string })[];
  /** Product id per accepted item, in file order. */
  accepted: { item: ImportItem; productId: string; isNew: boolean; changed: boolean }[];
  rejected: RowIssue[];
}

/**
 * Bulk catalogue imports (CSV, JSON) by the supplier's members and keys with catalog:write. Rows are
 * validated one by one; good rows are upserted by SKU and their price set on the base list; re-importing a
 * file writes nothing (each product and price is compared before writing). One transaction, a handful of
 * batched statements whatever the size of the file.
 */
export class CatalogImportService {
  readonly #db: Db;
  readonly #imports: CatalogImportRepository;
  readonly #products: ProductRepository;
  readonly #categories: CategoryRepository;
  readonly #priceRepo: PriceRepository;
  readonly #writer: PriceWriter;
  readonly #access: CatalogAccess;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    imports: CatalogImportRepository;
    products: ProductRepository;
    categories: CategoryRepository;
    priceRepository: PriceRepository;
    writer: PriceWriter;
    access: CatalogAccess;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#imports = deps.imports;
    this.#products = deps.products;
    this.#categories = deps.categories;
    this.#priceRepo = deps.priceRepository;
    this.#writer = deps.writer;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async run(acting: Acting, supplierId: string, input: ImportInput): Promise<CatalogImportRecord> {
    const grant = await this.#access.supplier(acting, supplierId, 'write');
    const { format, content } = parseInput(ZImportRunInput, input);
    const contentHash = createHash('sha256').update(content, 'utf8').digest('hex');

    let file: ParsedFile;
    try {
      file = readCatalogFile(format, content);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'IMPORT_FILE_INVALID') throw error;
      // The run is on record even when the file is unreadable: who tried what, and why it failed.
      const failed = await inTransaction(this.#db, (tx) =>
        this.#recordRun(acting, grant, tx, {
          supplierId,
          format,
          contentHash,
          status: 'failed',
          totalRows: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          priceChanges: 0,
          issues: [{ line: lineOf(error), field: '', message: error.message }],
        }),
      );
      throw new AppError('IMPORT_FILE_INVALID', error.message, { ...error.details, importId: failed.id });
    }

    const issues: RowIssue[] = [];
    const items: ImportItem[] = [];
    const firstLineOfSku = new Map<string, number>();
    for (const row of file.rows) {
      const result = validateRow(row);
      if ('issues' in result) {
        issues.push(...result.issues);
        continue;
      }
      const seen = firstLineOfSku.get(result.item.sku);
      if (seen !== undefined) {
        issues.push({
          line: row.line,
          field: 'sku',
          message: `Duplicate SKU: line ${seen} has it already`,
          sku: result.item.sku,
        });
        continue;
      }
      firstLineOfSku.set(result.item.sku, row.line);
      items.push(result.item);
    }

    const now = this.#clock.now();
    return inTransaction(
      this.#db,
      async (tx) => {
        await this.#priceRepo.lockSupplier(supplierId, tx);
        const plan = await this.#plan(tx, supplierId, items);
        await this.#products.insertMany(plan.inserts, tx);
        await this.#products.updateMany(plan.updates, tx);
        const priced = plan.accepted.filter((entry) => entry.item.price !== undefined);
        let priceChanges = 0;
        if (priced.length > 0) {
          const baseListId = await this.#priceRepo.ensureBaseList(supplierId, tx);
          const outcomes = await this.#writer.setPrices(
            tx,
            baseListId,
            priced.map((entry) => ({ productId: entry.productId, unitPrice: entry.item.price! })),
            now,
          );
          for (const entry of priced) {
            if (outcomes.get(entry.productId)?.changed) {
              priceChanges += 1;
              entry.changed = true;
            }
          }
        }
        const created = plan.accepted.filter((entry) => entry.isNew).length;
        const updated = plan.accepted.filter((entry) => !entry.isNew && entry.changed).length;
        const allIssues = [...issues, ...plan.rejected].sort((a, b) => a.line - b.line);
        return this.#recordRun(acting, grant, tx, {
          supplierId,
          format,
          contentHash,
          status: 'completed',
          totalRows: file.rows.length,
          created,
          updated,
          unchanged: plan.accepted.length - created - updated,
          priceChanges,
          issues: allIssues,
        });
      },
      { timeoutMs: 120_000 },
    );
  }

  async get(acting: Acting, importId: string): Promise<CatalogImportRecord> {
    if (!isUuid(importId)) throw importNotFound(importId);
    const record = await this.#imports.findById(importId);
    if (!record) throw importNotFound(importId);
    const grant = await this.#access.trySupplier(acting, record.supplierId, 'read');
    if (!grant) throw importNotFound(importId);
    return record;
  }

  async list(acting: Acting, supplierId: string, page: NewestFirstPage): Promise<CatalogImportRecord[]> {
    await this.#access.supplier(acting, supplierId, 'read');
    return this.#imports.list(supplierId, page);
  }

  /** Compares every row with what is stored: which products to insert, which to update, which are equal. */
  async #plan(tx: Tx, supplierId: string, items: readonly ImportItem[]): Promise<Planned> {
    const plan: Planned = { inserts: [], updates: [], accepted: [], rejected: [] };
    const categoryPaths = [...new Set(items.flatMap((item) => (item.category ? [item.category] : [])))];
    const categories = await this.#categories.ensurePaths(categoryPaths, tx);
    const existing = await this.#products.findBySkus(
      supplierId,
      items.map((item) => item.sku),
      tx,
    );
    const bySku = new Map(existing.map((product) => [product.sku, product]));
    for (const item of items) {
      const current = bySku.get(item.sku);
      if (!current) {
        const missing = REQUIRED_FOR_NEW.filter(([key]) => item[key] === undefined);
        if (missing.length > 0) {
          for (const [, field] of missing) {
            plan.rejected.push({
              line: item.line,
              field,
              message: `${field} is required for a new product`,
              sku: item.sku,
            });
          }
          continue;
        }
        const category = item.category ? (categories.get(item.category.toLowerCase()) ?? null) : null;
        const data = dataOf(item, null, category);
        const id = randomUUID();
        plan.inserts.push({ ...data, id, supplierId });
        plan.accepted.push({ item, productId: id, isNew: true, changed: true });
        continue;
      }
      const category =
        item.category === undefined
          ? current.categoryId
            ? { id: current.categoryId, path: current.categoryPath ?? '' }
            : null
          : item.category === null
            ? null
            : (categories.get(item.category.toLowerCase()) ?? null);
      const data = dataOf(item, current, category);
      const changed =
        current.deletedAt !== null ||
        changedProductFields(current, data).length > 0 ||
        data.searchText !== current.searchText;
      if (changed) plan.updates.push({ ...data, id: current.id });
      plan.accepted.push({ item, productId: current.id, isNew: false, changed });
    }
    return plan;
  }

  async #recordRun(
    acting: Acting,
    grant: Grant,
    tx: Tx,
    run: {
      supplierId: string;
      format: ImportFormat;
      contentHash: string;
      status: 'completed' | 'failed';
      totalRows: number;
      created: number;
      updated: number;
      unchanged: number;
      priceChanges: number;
      issues: RowIssue[];
    },
  ): Promise<CatalogImportRecord> {
    const { supplierId, format, contentHash, status, totalRows, priceChanges } = run;
    const counts = run;
    // A row may have several issues: rejected counts rows.
    const rejected = new Set(counts.issues.filter((issue) => issue.line > 0).map((issue) => issue.line)).size;
    const record = await this.#imports.create(
      {
        supplierId,
        format,
        contentHash,
        status,
        totalRows,
        createdCount: counts.created,
        updatedCount: counts.updated,
        unchangedCount: counts.unchanged,
        rejectedCount: status === 'failed' ? 0 : rejected,
        errors: counts.issues,
        actorUserId: acting.actor.kind === 'user' ? acting.actor.userId : null,
        actorServiceAccountId: acting.actor.kind === 'service' ? acting.actor.serviceAccountId : null,
      },
      tx,
    );
    await this.#audit.record(
      acting,
      {
        action: 'catalog.imported',
        entityType: 'catalog_import',
        entityId: record.id,
        organizationId: supplierId,
        metadata: {
          format,
          status,
          totalRows,
          created: record.createdCount,
          updated: record.updatedCount,
          unchanged: record.unchangedCount,
          rejected: record.rejectedCount,
          priceChanges,
          ...(grant.via === 'admin' ? { viaAdmin: true } : {}),
        },
      },
      tx,
    );
    return record;
  }
}

function lineOf(error: AppError): number {
  const details = error.details as { line?: unknown } | undefined;
  return typeof details?.line === 'number' ? details.line : 0;
}

/** The product a row describes: its fields over the stored product's (absent fields keep their value). */
function dataOf(
  item: ImportItem,
  current: ProductRecord | null,
  category: Pick<CategoryRecord, 'id' | 'path'> | null,
): ProductData {
  const pick = <K extends keyof ImportItem & keyof ProductRecord>(key: K, fallback: ProductRecord[K]) =>
    (item[key] === undefined ? (current?.[key] ?? fallback) : item[key]) as ProductRecord[K];
  const data: ProductData = {
    sku: item.sku,
    gtin: pick('gtin', null),
    name: pick('name', ''),
    description: pick('description', null),
    brand: pick('brand', null),
    categoryId: category?.id ?? null,
    unit: pick('unit', 'st'),
    packSize: pick('packSize', null),
    vatClass: pick('vatClass', 'food'),
    stockStatus: pick('stockStatus', 'in_stock'),
    imageUrls: pick('imageUrls', []),
    active: pick('active', true),
    searchText: '',
  };
  data.searchText = productSearchText({ ...data, categoryPath: category?.path ?? null });
  return data;
}
