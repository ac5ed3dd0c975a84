import { AppError, foldForSearch, parseInput, type Clock, type Dec } from '@iris/core';
import { inTransaction, type Db, type Tx } from '@iris/db';
import type { Acting, AuditLog, Grant } from '@iris/identity';
import type { CatalogAccess } from './catalog-access.ts';
import {
  ZProductCreate,
  ZProductPatch,
  type ProductCreateInput,
  type ProductPatchInput,
} from './catalog.schemas.ts';
import type { CategoryRepository } from './category.repository.ts';
import type { PriceRepository } from './price.repository.ts';
import type { PriceWriter } from './price-writer.ts';
import type { PriceResolver, ResolvedPrice } from './pricing.ts';
import type {
  ProductData,
  ProductListFilter,
  ProductRecord,
  ProductRepository,
} from './product.repository.ts';
import { isUniqueViolation, isUuid } from './validation.ts';

/** What search matches on: name, brand, SKU, GTIN and category path, folded (see foldForSearch). */
export function productSearchText(product: {
  name: string;
  brand: string | null;
  sku: string;
  gtin: string | null;
  categoryPath: string | null;
}): string {
  return foldForSearch(
    [
      product.name,
      product.brand ?? '',
      product.sku,
      product.gtin ?? '',
      (product.categoryPath ?? '').replaceAll('/', ' '),
    ].join(' '),
  );
}

/** A product with the prices its viewer sees. */
export interface ProductView extends ProductRecord {
  /** The base list price now (null: none). */
  listPrice: Dec | null;
  /** For a restaurant: its resolved price now (null: no price, or the supplier's view). */
  price: ResolvedPrice | null;
}

export function productNotFound(id: string): AppError {
  return new AppError('PRODUCT_NOT_FOUND', `No product ${id} that you can see.`);
}

function skuTaken(): AppError {
  return new AppError('CONFLICT', 'The supplier already has a product with this SKU.', { fields: ['sku'] });
}

const WRITABLE_FIELDS = [
  'sku',
  'gtin',
  'name',
  'description',
  'brand',
  'categoryId',
  'unit',
  'packSize',
  'vatClass',
  'stockStatus',
  'imageUrls',
  'active',
] as const satisfies readonly (keyof ProductData)[];

/** Names of the fields whose value differs between the product and the data (audit: names, never values). */
export function changedProductFields(current: ProductRecord, next: ProductData): string[] {
  return WRITABLE_FIELDS.filter((field) => {
    if (field === 'imageUrls') return current.imageUrls.join('\n') !== next.imageUrls.join('\n');
    return current[field] !== next[field];
  });
}

export interface ProductListOptions {
  /** List as this restaurant (active products only, with its prices); else the supplier's own view. */
  restaurantId?: string | undefined;
  active?: boolean | undefined;
  inStock?: boolean | undefined;
  categoryId?: string | undefined;
  q?: string | undefined;
}

/**
 * Products per supplier. The supplier's members and keys (catalog:read / catalog:write) see and change all
 * of them, inactive ones included; restaurants that are active customers see the active ones with their own
 * resolved price. Deactivating is `active: false`.
 */
export class ProductService {
  readonly #db: Db;
  readonly #products: ProductRepository;
  readonly #categories: CategoryRepository;
  readonly #priceRepo: PriceRepository;
  readonly #writer: PriceWriter;
  readonly #prices: PriceResolver;
  readonly #access: CatalogAccess;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    products: ProductRepository;
    categories: CategoryRepository;
    priceRepository: PriceRepository;
    writer: PriceWriter;
    prices: PriceResolver;
    access: CatalogAccess;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#products = deps.products;
    this.#categories = deps.categories;
    this.#priceRepo = deps.priceRepository;
    this.#writer = deps.writer;
    this.#prices = deps.prices;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async create(acting: Acting, supplierId: string, input: ProductCreateInput): Promise<ProductView> {
    const grant = await this.#access.supplier(acting, supplierId, 'write');
    const data = parseInput(ZProductCreate, input);
    const now = this.#clock.now();
    try {
      const created = await inTransaction(this.#db, async (tx) => {
        await this.#priceRepo.lockSupplier(supplierId, tx);
        const category = await this.#category(data.category ?? null, tx);
        const fields = {
          sku: data.sku,
          gtin: data.gtin ?? null,
          name: data.name,
          description: data.description ?? null,
          brand: data.brand ?? null,
          categoryId: category?.id ?? null,
          unit: data.unit,
          packSize: data.packSize ?? null,
          vatClass: data.vatClass,
          stockStatus: data.stockStatus,
          imageUrls: data.imageUrls,
          active: data.active,
        };
        const product = await this.#products.create(
          supplierId,
          { ...fields, searchText: productSearchText({ ...fields, categoryPath: category?.path ?? null }) },
          tx,
        );
        await this.#record(acting, grant, tx, product, 'product.created', { sku: product.sku });
        if (data.listPrice !== undefined)
          await this.#setListPrice(acting, grant, tx, product, data.listPrice, now);
        return product;
      });
      return this.#supplierView(created);
    } catch (error) {
      throw isUniqueViolation(error) ? skuTaken() : error;
    }
  }

  async update(acting: Acting, productId: string, input: ProductPatchInput): Promise<ProductView> {
    const product = await this.#find(productId);
    const grant = await this.#supplierGrant(acting, product, 'write');
    const patch = parseInput(ZProductPatch, input);
    const now = this.#clock.now();
    try {
      const updated = await inTransaction(this.#db, async (tx) => {
        await this.#priceRepo.lockSupplier(product.supplierId, tx);
        const current = await this.#products.findById(product.id, tx);
        if (!current) throw productNotFound(product.id);
        const category =
          patch.category === undefined
            ? current.categoryId
              ? { id: current.categoryId, path: current.categoryPath ?? '' }
              : null
            : await this.#category(patch.category, tx);
        const next: ProductData = {
          sku: patch.sku ?? current.sku,
          gtin: patch.gtin === undefined ? current.gtin : patch.gtin,
          name: patch.name ?? current.name,
          description: patch.description === undefined ? current.description : patch.description,
          brand: patch.brand === undefined ? current.brand : patch.brand,
          categoryId: category?.id ?? null,
          unit: patch.unit ?? current.unit,
          packSize: patch.packSize === undefined ? current.packSize : patch.packSize,
          vatClass: patch.vatClass ?? current.vatClass,
          stockStatus: patch.stockStatus ?? current.stockStatus,
          imageUrls: patch.imageUrls ?? current.imageUrls,
          active: patch.active ?? current.active,
          searchText: '',
        };
        next.searchText = productSearchText({ ...next, categoryPath: category?.path ?? null });
        const fields = changedProductFields(current, next);
        let result = current;
        // Nothing differs: no write, so updatedAt keeps saying when the product last changed.
        if (fields.length > 0 || next.searchText !== current.searchText) {
          result = (await this.#products.update(current.id, next, tx)) ?? current;
          const deactivated = current.active && !next.active;
          await this.#record(
            acting,
            grant,
            tx,
            result,
            deactivated ? 'product.deactivated' : 'product.updated',
            { fields },
          );
        }
        if (patch.listPrice !== undefined)
          await this.#setListPrice(acting, grant, tx, result, patch.listPrice, now);
        return result;
      });
      return this.#supplierView(updated);
    } catch (error) {
      throw isUniqueViolation(error) ? skuTaken() : error;
    }
  }

  /**
   * One product. As the supplier's side: everything, with the list price. As a restaurant
   * (`restaurantId`): an active product of a supplier it is an active customer of, with its price;
   * anything else is 404.
   */
  async get(acting: Acting, productId: string, options: { restaurantId?: string | undefined } = {}) {
    const product = await this.#find(productId);
    if (options.restaurantId === undefined) {
      await this.#supplierGrant(acting, product, 'read');
      return this.#supplierView(product);
    }
    await this.#restaurantAccess(acting, options.restaurantId, product);
    const [view] = await this.#restaurantViews(options.restaurantId, [product]);
    if (!view) throw productNotFound(productId);
    return view;
  }

  /** A supplier's products in name order (keyset pagination: limit + 1 rows come back). */
  async list(
    acting: Acting,
    supplierId: string,
    options: ProductListOptions,
    page: { limit: number; after?: { name: string; id: string } | undefined },
  ): Promise<ProductView[]> {
    const filter: ProductListFilter = {
      active: options.active,
      inStock: options.inStock,
      text: options.q ? foldForSearch(options.q) || undefined : undefined,
    };
    if (options.categoryId !== undefined) {
      filter.categoryIds = isUuid(options.categoryId)
        ? await this.#categories.subtreeIds(options.categoryId)
        : [];
    }
    if (options.restaurantId !== undefined) {
      await this.#access.activeCustomer(acting, options.restaurantId, supplierId);
      const rows = await this.#products.list(supplierId, { ...filter, active: true }, page);
      return this.#restaurantViews(options.restaurantId, rows);
    }
    await this.#access.supplier(acting, supplierId, 'read');
    const rows = await this.#products.list(supplierId, filter, page);
    const prices = await this.#prices.resolve(
      null,
      rows.map((row) => row.id),
      this.#clock.now(),
    );
    return rows.map((row) => ({ ...row, listPrice: prices.get(row.id)?.unitPrice ?? null, price: null }));
  }

  async #find(productId: string): Promise<ProductRecord> {
    if (!isUuid(productId)) throw productNotFound(productId);
    const product = await this.#products.findById(productId);
    if (!product) throw productNotFound(productId);
    return product;
  }

  /** The supplier grant for the product's supplier; someone unrelated gets PRODUCT_NOT_FOUND. */
  async #supplierGrant(acting: Acting, product: ProductRecord, mode: 'read' | 'write'): Promise<Grant> {
    const grant = await this.#access.trySupplier(acting, product.supplierId, mode);
    if (!grant) throw productNotFound(product.id);
    return grant;
  }

  async #restaurantAccess(acting: Acting, restaurantId: string, product: ProductRecord): Promise<void> {
    try {
      await this.#access.activeCustomer(acting, restaurantId, product.supplierId);
    } catch (error) {
      // Product ids are not public: a restaurant that is no (active) customer learns nothing about it.
      if (error instanceof AppError && error.code === 'CUSTOMER_NOT_ACTIVE')
        throw productNotFound(product.id);
      throw error;
    }
    if (!product.active) throw productNotFound(product.id);
  }

  async #supplierView(product: ProductRecord): Promise<ProductView> {
    const prices = await this.#prices.resolve(null, [product.id], this.#clock.now());
    return { ...product, listPrice: prices.get(product.id)?.unitPrice ?? null, price: null };
  }

  async #restaurantViews(restaurantId: string, products: ProductRecord[]): Promise<ProductView[]> {
    const prices = await this.#prices.resolve(
      restaurantId,
      products.map((product) => product.id),
      this.#clock.now(),
    );
    return products.map((product) => {
      const price = prices.get(product.id) ?? null;
      return { ...product, listPrice: price?.listPrice ?? null, price };
    });
  }

  async #category(path: string | null, tx: Tx): Promise<{ id: string; path: string } | null> {
    if (path === null) return null;
    const categories = await this.#categories.ensurePaths([path], tx);
    return categories.get(path.toLowerCase()) ?? null;
  }

  async #setListPrice(
    acting: Acting,
    grant: Grant,
    tx: Tx,
    product: ProductRecord,
    unitPrice: string,
    at: Date,
  ): Promise<void> {
    const baseListId = await this.#priceRepo.ensureBaseList(product.supplierId, tx);
    const outcome = (
      await this.#writer.setPrices(tx, baseListId, [{ productId: product.id, unitPrice }], at)
    ).get(product.id);
    if (!outcome?.changed) return;
    await this.#audit.record(
      acting,
      {
        action: 'price.changed',
        entityType: 'price_list',
        entityId: baseListId,
        organizationId: product.supplierId,
        metadata: {
          productIds: [product.id],
          changed: 1,
          validFrom: at.toISOString(),
          ...(grant.via === 'admin' ? { viaAdmin: true } : {}),
        },
      },
      tx,
    );
  }

  #record(
    acting: Acting,
    grant: Grant,
    tx: Tx,
    product: ProductRecord,
    action: 'product.created' | 'product.updated' | 'product.deactivated',
    metadata: Record<string, string | string[]>,
  ): Promise<void> {
    return this.#audit.record(
      acting,
      {
        action,
        entityType: 'product',
        entityId: product.id,
        organizationId: product.supplierId,
        metadata: { ...metadata, ...(grant.via === 'admin' ? { viaAdmin: true } : {}) },
      },
      tx,
    );
  }
}
