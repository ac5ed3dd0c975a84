import { AppError, dec, parseInput, stockholmParts, validationFailed, type Clock } from '@iris/core';
import type { PriceResolver, ProductLookupRepository, ResolvedPrice, RestaurantProduct } from '@iris/catalog';
import { inTransaction, Prisma, type Db } from '@iris/db';
import type { AccessControl, Acting, Permission } from '@iris/identity';
import type {
  OrderGuideItemRecord,
  OrderGuidePage,
  OrderGuideRecord,
  OrderGuideRepository,
} from './order-guide.repository.ts';
import type { CartFiller, FillResult, SkippedLine } from './cart-filler.ts';
import {
  ZAddGuideToCarts,
  ZOrderGuideCreate,
  ZOrderGuideItemSet,
  ZOrderGuidePatch,
  type AddGuideToCarts,
  type OrderGuideCreate,
  type OrderGuideItemSet,
  type OrderGuidePatch,
} from './order-guide.schemas.ts';
import { isUuid } from '../order-access.ts';
import { objectGrant, restaurantGrant } from './shared.ts';
import { rankSuggestions, SUGGESTION_WINDOW_DAYS, type Suggestion } from './suggestions.ts';

/** A guide item as the restaurant sees it now: the product, its price for the restaurant, buyable or not. */
export interface OrderGuideItemView extends Omit<OrderGuideItemRecord, 'product'> {
  product: RestaurantProduct;
  price: ResolvedPrice | null;
  /** Can be put in a cart now: active, in the catalogue, from an active supplier, with a price. */
  available: boolean;
}

export interface OrderGuideView extends OrderGuideRecord {
  items: OrderGuideItemView[];
}

export interface SuggestionView extends Suggestion {
  product: RestaurantProduct;
  price: ResolvedPrice | null;
  /** The Stockholm date of the last order. */
  lastOrderedOn: string;
}

export function orderGuideNotFound(id: string): AppError {
  return new AppError('ORDER_GUIDE_NOT_FOUND', `No order guide ${id} that you can see.`);
}

export function productNotFound(id: string): AppError {
  return new AppError('PRODUCT_NOT_FOUND', `No product ${id}.`);
}

export interface OrderGuideServiceDeps {
  db: Db;
  clock: Clock;
  guides: OrderGuideRepository;
  products: ProductLookupRepository;
  prices: PriceResolver;
  access: AccessControl;
  filler: CartFiller;
}

/**
 * Order guides: a restaurant's favourites across suppliers, with usual quantities. Members of the
 * restaurant (any role), admins and its keys with orders:read (reads) / orders:write (changes); anyone
 * else gets 404.
 */
export class OrderGuideService {
  readonly #deps: OrderGuideServiceDeps;

  constructor(deps: OrderGuideServiceDeps) {
    this.#deps = deps;
  }

  async list(acting: Acting, restaurantId: string, page: OrderGuidePage): Promise<OrderGuideRecord[]> {
    await restaurantGrant(this.#deps.access, acting, restaurantId, 'orders:read');
    return this.#deps.guides.list(restaurantId, page);
  }

  async create(acting: Acting, restaurantId: string, input: OrderGuideCreate): Promise<OrderGuideRecord> {
    await restaurantGrant(this.#deps.access, acting, restaurantId, 'orders:write');
    const { name } = parseInput(ZOrderGuideCreate, input);
    return this.#deps.guides.create(restaurantId, name);
  }

  async get(acting: Acting, guideId: string): Promise<OrderGuideView> {
    const guide = await this.authorize(acting, guideId, 'orders:read');
    return this.view(guide);
  }

  async update(acting: Acting, guideId: string, input: OrderGuidePatch): Promise<OrderGuideRecord> {
    const guide = await this.authorize(acting, guideId, 'orders:write');
    const patch = parseInput(ZOrderGuidePatch, input);
    if (patch.name !== undefined && patch.name !== guide.name) {
      if ((await this.#deps.guides.rename(guide.id, patch.name)) === 0) throw orderGuideNotFound(guide.id);
    }
    return this.#reload(guide.id);
  }

  async delete(acting: Acting, guideId: string): Promise<void> {
    const guide = await this.authorize(acting, guideId, 'orders:write');
    if ((await this.#deps.guides.softDelete(guide.id, this.#deps.clock.now())) === 0) {
      throw orderGuideNotFound(guide.id);
    }
  }

  /**
   * Puts a product on the guide or changes its item. The product must be in a catalogue of a supplier the
   * restaurant is an active customer of (404 for an unknown or removed product, 409 CUSTOMER_NOT_ACTIVE).
   */
  async setItem(
    acting: Acting,
    guideId: string,
    productId: string,
    input: OrderGuideItemSet,
  ): Promise<OrderGuideView> {
    const guide = await this.authorize(acting, guideId, 'orders:write');
    const data = parseInput(ZOrderGuideItemSet, input);
    if (!isUuid(productId)) throw productNotFound(productId);
    const product = (await this.#deps.products.forRestaurant(guide.restaurantId, [productId])).get(productId);
    if (!product || product.removed) throw productNotFound(productId);
    if (!product.supplierActive) {
      throw new AppError(
        'CUSTOMER_NOT_ACTIVE',
        `The restaurant is not an active customer of ${product.supplierName}, who sells this product.`,
        { supplierId: product.supplierId },
      );
    }
    const fields = {
      parQuantity:
        data.parQuantity === undefined
          ? undefined
          : data.parQuantity === null
            ? null
            : new Prisma.Decimal(data.parQuantity),
      position: data.position,
      note: data.note === undefined ? undefined : data.note || null,
    };
    await inTransaction(this.#deps.db, async (tx) => {
      // Serialises item changes of one guide (the next position, and the pair's uniqueness).
      await tx.$executeRaw`SELECT 1 FROM "order_guide" WHERE "id" = ${guide.id}::uuid FOR UPDATE`;
      const existing = await this.#deps.guides.findItem(guide.id, productId, tx);
      if (existing) await this.#deps.guides.updateItem(existing.id, fields, tx);
      else {
        const position = fields.position ?? (await this.#deps.guides.nextPosition(guide.id, tx));
        await this.#deps.guides.insertItem(guide.id, productId, { ...fields, position }, tx);
      }
      await this.#deps.guides.touch(guide.id, this.#deps.clock.now(), tx);
    });
    return this.view(await this.#reload(guide.id));
  }

  async removeItem(acting: Acting, guideId: string, productId: string): Promise<OrderGuideView> {
    const guide = await this.authorize(acting, guideId, 'orders:write');
    if (!isUuid(productId)) throw productNotFound(productId);
    await inTransaction(this.#deps.db, async (tx) => {
      const count = await this.#deps.guides.deleteItem(guide.id, productId, tx);
      if (count === 0) {
        throw new AppError('PRODUCT_NOT_FOUND', `Product ${productId} is not on this order guide.`);
      }
      await this.#deps.guides.touch(guide.id, this.#deps.clock.now(), tx);
    });
    return this.view(await this.#reload(guide.id));
  }

  /**
   * What the restaurant orders, as candidates for a guide: products of its orders in the last 90 days
   * (cancelled orders left out, inactive or removed products too), ranked by how often and how recently,
   * with the usual (median) quantity per order.
   */
  async suggestions(acting: Acting, restaurantId: string, limit: number): Promise<SuggestionView[]> {
    await restaurantGrant(this.#deps.access, acting, restaurantId, 'orders:read');
    const now = this.#deps.clock.now();
    const since = new Date(now.getTime() - SUGGESTION_WINDOW_DAYS * 86_400_000);
    const rows = await this.#deps.guides.orderedSince(restaurantId, since);
    const ranked = rankSuggestions(
      rows.map((row) => ({ ...row, quantity: dec(row.quantity.toString()) })),
      now,
    ).slice(0, limit);
    const ids = ranked.map((suggestion) => suggestion.productId);
    const [products, prices] = await Promise.all([
      this.#deps.products.forRestaurant(restaurantId, ids),
      this.#deps.prices.resolve(restaurantId, ids, now),
    ]);
    return ranked.flatMap((suggestion) => {
      const product = products.get(suggestion.productId);
      if (!product) return [];
      return [
        {
          ...suggestion,
          product,
          price: prices.get(suggestion.productId) ?? null,
          lastOrderedOn: stockholmParts(suggestion.lastOrderedAt).date,
        },
      ];
    });
  }

  /**
   * Puts the guide's items into the restaurant's carts, one per supplier, adding to what is there: the
   * items given with their quantities (each must be on the guide), or else every item at its par quantity
   * (items without one are skipped). Products that cannot be bought now are skipped and reported.
   */
  async addToCarts(acting: Acting, guideId: string, input: AddGuideToCarts): Promise<FillResult> {
    const guide = await this.authorize(acting, guideId, 'orders:write');
    const data = parseInput(ZAddGuideToCarts, input);
    const items = await this.#deps.guides.items(guide.id);
    const onGuide = new Set(items.map((item) => item.productId));
    if (data.items) {
      const issues = data.items.flatMap((item, index) =>
        onGuide.has(item.productId)
          ? []
          : [{ path: `items.${index}.productId`, message: 'Not on this order guide', code: 'not_on_guide' }],
      );
      if (issues.length > 0) throw validationFailed(issues);
      return this.#deps.filler.add(
        acting,
        guide.restaurantId,
        data.items.map((item) => ({ productId: item.productId, quantity: dec(item.quantity) })),
      );
    }
    const skipped: SkippedLine[] = [];
    const wanted: { productId: string; quantity: ReturnType<typeof dec> }[] = [];
    for (const item of items) {
      if (item.parQuantity === null) {
        const { sku, name, supplierId, supplierName } = item.product;
        skipped.push({
          productId: item.productId,
          product: { sku, name, supplierId, supplierName },
          reason: 'no_quantity',
        });
      } else {
        wanted.push({ productId: item.productId, quantity: dec(item.parQuantity.toString()) });
      }
    }
    return this.#deps.filler.add(acting, guide.restaurantId, wanted, skipped);
  }

  /** The guide, if the caller may act for its restaurant with `permission` (else 404 / 403). */
  async authorize(acting: Acting, guideId: string, permission: Permission): Promise<OrderGuideRecord> {
    if (!isUuid(guideId)) throw orderGuideNotFound(guideId);
    const guide = await this.#deps.guides.findById(guideId);
    if (!guide) throw orderGuideNotFound(guideId);
    await objectGrant(this.#deps.access, acting, guide.restaurantId, permission, () =>
      orderGuideNotFound(guideId),
    );
    return guide;
  }

  /** The guide's items priced for its restaurant now. */
  async view(guide: OrderGuideRecord): Promise<OrderGuideView> {
    const items = await this.#deps.guides.items(guide.id);
    const ids = items.map((item) => item.productId);
    const [products, prices] = await Promise.all([
      this.#deps.products.forRestaurant(guide.restaurantId, ids),
      this.#deps.prices.resolve(guide.restaurantId, ids, this.#deps.clock.now()),
    ]);
    return {
      ...guide,
      items: items.map((item) => {
        const product: RestaurantProduct = products.get(item.productId) ?? {
          ...item.product,
          supplierActive: false,
        };
        const price = prices.get(item.productId) ?? null;
        return {
          ...item,
          product,
          price,
          available: product.active && !product.removed && product.supplierActive && price !== null,
        };
      }),
    };
  }

  async #reload(guideId: string): Promise<OrderGuideRecord> {
    const guide = await this.#deps.guides.findById(guideId);
    if (!guide) throw orderGuideNotFound(guideId);
    return guide;
  }
}
