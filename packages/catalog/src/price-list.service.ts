import { z } from 'zod';
import { AppError, parseInput, type Clock } from '@iris/core';
import { inTransaction, type Db } from '@iris/db';
import type { Acting, AuditLog, Grant } from '@iris/identity';
import type { CatalogAccess } from './catalog-access.ts';
import { ZSku, ZUnitPrice } from './catalog.schemas.ts';
import type { PriceEntryRecord, PriceListRecord, PriceRepository } from './price.repository.ts';
import type { PriceWriter } from './price-writer.ts';
import type { ProductRepository } from './product.repository.ts';
import { isUuid } from './validation.ts';

export const ZPriceListName = z.string().trim().min(1).max(100).meta({ example: 'Storkunder 2027' });

/** One price to set: the product by id or by SKU, and from when (default now; never in the past). */
export const ZPriceItem = z
  .object({
    productId: z.uuid().optional(),
    sku: ZSku.optional(),
    unitPrice: ZUnitPrice,
    validFrom: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'From when the price applies (ISO instant; default now, never in the past)' }),
  })
  .refine((item) => (item.productId === undefined) !== (item.sku === undefined), {
    message: 'Give productId or sku (one of them)',
  });

export const ZSetPricesInput = z.object({ prices: z.array(ZPriceItem).min(1).max(5000) });
export type SetPricesInput = z.input<typeof ZSetPricesInput>;

export interface SetPricesResult {
  changed: number;
  unchanged: number;
  items: {
    productId: string;
    sku: string;
    unitPrice: string;
    validFrom: Date;
    changed: boolean;
    previous: string | null;
  }[];
}

export function priceListNotFound(id: string): AppError {
  return new AppError('PRICE_LIST_NOT_FOUND', `No price list ${id} that you can see.`);
}

/**
 * Price lists: the supplier's base list (list prices; created on first use) and its customer lists,
 * assigned to customers through customer terms (customer_relationship.priceListId). Setting a price closes
 * the entry in force and opens a new one, so the entries are the price history; an unchanged price writes
 * nothing. Supplier side only: members and keys with catalog:read / catalog:write.
 */
export class PriceListService {
  readonly #db: Db;
  readonly #repo: PriceRepository;
  readonly #products: ProductRepository;
  readonly #writer: PriceWriter;
  readonly #access: CatalogAccess;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    priceRepository: PriceRepository;
    products: ProductRepository;
    writer: PriceWriter;
    access: CatalogAccess;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#repo = deps.priceRepository;
    this.#products = deps.products;
    this.#writer = deps.writer;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  /** The supplier's lists, base list first (it exists from the first time anyone looks). */
  async list(acting: Acting, supplierId: string): Promise<PriceListRecord[]> {
    await this.#access.supplier(acting, supplierId, 'read');
    await this.#repo.ensureBaseList(supplierId);
    return this.#repo.listsOf(supplierId);
  }

  async create(acting: Acting, supplierId: string, input: { name: string }): Promise<PriceListRecord> {
    const grant = await this.#access.supplier(acting, supplierId, 'write');
    const name = parseInput(ZPriceListName, input.name);
    return inTransaction(this.#db, async (tx) => {
      const list = await this.#repo.createList(supplierId, name, tx);
      await this.#record(acting, grant, tx, list, 'price_list.created', {});
      return list;
    });
  }

  async get(acting: Acting, priceListId: string): Promise<PriceListRecord> {
    const { list } = await this.#authorize(acting, priceListId, 'read');
    return list;
  }

  async rename(acting: Acting, priceListId: string, input: { name: string }): Promise<PriceListRecord> {
    const { list, grant } = await this.#authorize(acting, priceListId, 'write');
    const name = parseInput(ZPriceListName, input.name);
    if (name === list.name) return list;
    return inTransaction(this.#db, async (tx) => {
      const renamed = await this.#repo.renameList(list.id, name, tx);
      if (!renamed) throw priceListNotFound(list.id);
      await this.#record(acting, grant, tx, renamed, 'price_list.updated', { fields: ['name'] });
      return renamed;
    });
  }

  /** The list's prices in force at `at` (default now), by product name; limit + 1 rows. */
  async prices(
    acting: Acting,
    priceListId: string,
    at: Date | undefined,
    page: { limit: number; after?: { name: string; id: string } | undefined },
  ): Promise<(PriceEntryRecord & { sku: string; productName: string })[]> {
    const { list } = await this.#authorize(acting, priceListId, 'read');
    return this.#repo.entriesAt(list.id, at ?? this.#clock.now(), page);
  }

  /**
   * Sets prices in bulk (all or nothing): each product by id or SKU, of this supplier. A price equal to the
   * one in force at its validFrom writes nothing.
   */
  async setPrices(acting: Acting, priceListId: string, input: SetPricesInput): Promise<SetPricesResult> {
    const { list, grant } = await this.#authorize(acting, priceListId, 'write');
    const { prices } = parseInput(ZSetPricesInput, input);
    const now = this.#clock.now();
    const items = prices.map((item, index) => {
      const validFrom = item.validFrom ? new Date(item.validFrom) : now;
      if (validFrom < now) {
        throw new AppError('VALIDATION_FAILED', 'A price cannot start in the past.', {
          issues: [{ path: `prices.${index}.validFrom`, message: 'Not before now', code: 'too_small' }],
        });
      }
      return { ...item, validFrom, index };
    });

    return inTransaction(this.#db, async (tx) => {
      await this.#repo.lockSupplier(list.supplierId, tx);
      const byId = await this.#products.findManyOfSupplier(
        list.supplierId,
        items.flatMap((item) => (item.productId ? [item.productId] : [])),
        tx,
      );
      const bySku = await this.#products.findBySkus(
        list.supplierId,
        items.flatMap((item) => (item.sku ? [item.sku] : [])),
        tx,
      );
      const products = new Map([...byId, ...bySku.filter((p) => p.deletedAt === null)].map((p) => [p.id, p]));
      const skuToId = new Map(bySku.filter((p) => p.deletedAt === null).map((p) => [p.sku, p.id]));
      const seen = new Set<string>();
      const resolved = items.map((item) => {
        const productId = item.productId ?? skuToId.get(item.sku ?? '');
        const product = productId ? products.get(productId) : undefined;
        if (!product) {
          throw new AppError('PRODUCT_NOT_FOUND', `prices.${item.index}: no such product of this supplier.`, {
            index: item.index,
            ...(item.productId ? { productId: item.productId } : { sku: item.sku }),
          });
        }
        const key = `${product.id}@${item.validFrom.toISOString()}`;
        if (seen.has(key)) {
          throw new AppError('VALIDATION_FAILED', 'The same product and start twice.', {
            issues: [
              { path: `prices.${item.index}`, message: 'Duplicate product and validFrom', code: 'custom' },
            ],
          });
        }
        seen.add(key);
        return { product, unitPrice: item.unitPrice, validFrom: item.validFrom };
      });

      // One batch per start instant, in time order (a later start fits into what the earlier one wrote).
      const starts = [...new Set(resolved.map((item) => item.validFrom.getTime()))].sort((a, b) => a - b);
      const result: SetPricesResult = { changed: 0, unchanged: 0, items: [] };
      const changedIds: string[] = [];
      for (const start of starts) {
        const batch = resolved.filter((item) => item.validFrom.getTime() === start);
        const outcomes = await this.#writer.setPrices(
          tx,
          list.id,
          batch.map((item) => ({ productId: item.product.id, unitPrice: item.unitPrice })),
          new Date(start),
        );
        for (const item of batch) {
          const outcome = outcomes.get(item.product.id);
          const changed = outcome?.changed ?? false;
          if (changed) changedIds.push(item.product.id);
          result.items.push({
            productId: item.product.id,
            sku: item.product.sku,
            unitPrice: item.unitPrice,
            validFrom: item.validFrom,
            changed,
            previous: outcome?.previous ?? null,
          });
        }
      }
      result.changed = changedIds.length;
      result.unchanged = result.items.length - result.changed;
      if (changedIds.length > 0) {
        await this.#audit.record(
          acting,
          {
            action: 'price.changed',
            entityType: 'price_list',
            entityId: list.id,
            organizationId: list.supplierId,
            metadata: {
              kind: list.kind,
              changed: changedIds.length,
              productIds: [...new Set(changedIds)].slice(0, 1000),
              ...(grant.via === 'admin' ? { viaAdmin: true } : {}),
            },
          },
          tx,
        );
      }
      return result;
    });
  }

  async #authorize(
    acting: Acting,
    priceListId: string,
    mode: 'read' | 'write',
  ): Promise<{ list: PriceListRecord; grant: Grant }> {
    if (!isUuid(priceListId)) throw priceListNotFound(priceListId);
    const list = await this.#repo.findList(priceListId);
    if (!list) throw priceListNotFound(priceListId);
    const grant = await this.#access.trySupplier(acting, list.supplierId, mode);
    if (!grant) throw priceListNotFound(priceListId);
    return { list, grant };
  }

  #record(
    acting: Acting,
    grant: Grant,
    tx: Parameters<AuditLog['record']>[2],
    list: PriceListRecord,
    action: 'price_list.created' | 'price_list.updated',
    metadata: Record<string, string[]>,
  ): Promise<void> {
    return this.#audit.record(
      acting,
      {
        action,
        entityType: 'price_list',
        entityId: list.id,
        organizationId: list.supplierId,
        metadata: { kind: list.kind, ...metadata, ...(grant.via === 'admin' ? { viaAdmin: true } : {}) },
      },
      tx,
    );
  }
}
