import {
  AppError,
  dec,
  parseInput,
  restaurantServiceVatRateOn,
  stockholmParts,
  validationFailed,
  type Clock,
  type Dec,
} from '@iris/core';
import type { PriceResolver, PriceSource, ProductLookupRepository } from '@iris/catalog';
import { inTransaction, Prisma, type Db } from '@iris/db';
import type { AccessControl, Acting, Permission } from '@iris/identity';
import { computeDemand, costDish, type Demand, type DemandProduct, type DishCosting } from './costing.ts';
import type {
  IngredientData,
  IngredientProduct,
  MenuItemFilter,
  MenuItemPage,
  MenuItemRecord,
  MenuRepository,
} from './menu.repository.ts';
import {
  ZDemandRequest,
  ZMenuItemCreate,
  ZMenuItemPatch,
  type DemandRequest,
  type MenuItemCreate,
  type MenuItemPatch,
} from './menu.schemas.ts';

/** A recipe line priced for its restaurant now. */
export interface CostedIngredientView {
  productId: string;
  quantityPerPortion: Prisma.Decimal;
  note: string | null;
  product: IngredientProduct;
  unitPrice: Dec | null;
  priceSource: PriceSource | null;
  /** quantityPerPortion × unitPrice, unrounded. */
  cost: Dec | null;
}

/** A menu item with its recipe costed at the prices the restaurant pays now. */
export interface MenuItemView extends Omit<MenuItemRecord, 'ingredients'> {
  ingredients: CostedIngredientView[];
  costing: Omit<DishCosting, 'lines'>;
}

export interface DemandView extends Omit<Demand, 'products'> {
  products: (Demand['products'][number] & { product: IngredientProduct })[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function menuItemNotFound(id: string): AppError {
  return new AppError('MENU_ITEM_NOT_FOUND', `No menu item ${id} that you can see.`);
}

/**
 * A restaurant's dishes and their recipes (products of its active suppliers, per portion), costed at the
 * prices it pays now, and the ingredient demand that planned portions imply. Members of the restaurant
 * (any role), admins, and its API keys with orders:read / orders:write; everyone else gets 404.
 */
export class MenuService {
  readonly #db: Db;
  readonly #repo: MenuRepository;
  readonly #access: AccessControl;
  readonly #prices: PriceResolver;
  readonly #products: ProductLookupRepository;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    repository: MenuRepository;
    access: AccessControl;
    prices: PriceResolver;
    products: ProductLookupRepository;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#access = deps.access;
    this.#prices = deps.prices;
    this.#products = deps.products;
    this.#clock = deps.clock;
  }

  async list(
    acting: Acting,
    restaurantId: string,
    filter: MenuItemFilter,
    page: MenuItemPage,
  ): Promise<MenuItemView[]> {
    await this.#restaurant(acting, restaurantId, 'orders:read');
    const items = await this.#repo.list(restaurantId, filter, page);
    return this.#cost(restaurantId, items);
  }

  async get(acting: Acting, menuItemId: string): Promise<MenuItemView> {
    const item = await this.#authorizeItem(acting, menuItemId, 'orders:read');
    const [view] = await this.#cost(item.restaurantId, [item]);
    return view!;
  }

  async create(acting: Acting, restaurantId: string, input: MenuItemCreate): Promise<MenuItemView> {
    await this.#restaurant(acting, restaurantId, 'orders:write');
    const data = parseInput(ZMenuItemCreate, input);
    const ingredients = await this.#ingredients(restaurantId, data.ingredients ?? []);
    const id = await inTransaction(this.#db, (tx) =>
      this.#repo.create(
        restaurantId,
        {
          name: data.name,
          category: data.category ?? null,
          salesPrice: data.salesPrice ? new Prisma.Decimal(data.salesPrice.amount) : null,
          active: data.active ?? true,
        },
        ingredients,
        tx,
      ),
    );
    return this.#view(id);
  }

  async update(acting: Acting, menuItemId: string, input: MenuItemPatch): Promise<MenuItemView> {
    const item = await this.#authorizeItem(acting, menuItemId, 'orders:write');
    const patch = parseInput(ZMenuItemPatch, input);
    const ingredients =
      patch.ingredients === undefined
        ? undefined
        : await this.#ingredients(item.restaurantId, patch.ingredients);
    await inTransaction(this.#db, async (tx) => {
      const count = await this.#repo.update(
        item.id,
        {
          name: patch.name,
          category: patch.category,
          salesPrice:
            patch.salesPrice === undefined
              ? undefined
              : patch.salesPrice === null
                ? null
                : new Prisma.Decimal(patch.salesPrice.amount),
          active: patch.active,
        },
        this.#clock.now(),
        tx,
      );
      if (count === 0) throw menuItemNotFound(item.id);
      if (ingredients) await this.#repo.replaceIngredients(item.id, ingredients, tx);
    });
    return this.#view(item.id);
  }

  async delete(acting: Acting, menuItemId: string): Promise<void> {
    const item = await this.#authorizeItem(acting, menuItemId, 'orders:write');
    const count = await this.#repo.softDelete(item.id, this.#clock.now());
    if (count === 0) throw menuItemNotFound(item.id);
  }

  /**
   * What the planned portions need, per product (in its unit), with an estimate at today's prices. Every
   * dish must be the restaurant's own (else 404, naming the first unknown id).
   */
  async demand(acting: Acting, restaurantId: string, input: DemandRequest): Promise<DemandView> {
    await this.#restaurant(acting, restaurantId, 'orders:read');
    const request = parseInput(ZDemandRequest, input);
    const ids = [...new Set(request.items.map((entry) => entry.menuItemId))];
    const items = await this.#repo.findManyOfRestaurant(restaurantId, ids);
    const byId = new Map(items.map((item) => [item.id, item]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw menuItemNotFound(missing);

    const products = new Map<string, IngredientProduct>();
    for (const item of items) for (const line of item.ingredients) products.set(line.productId, line.product);
    const prices = await this.#prices.resolve(restaurantId, [...products.keys()], this.#clock.now());
    const demandProducts = new Map<string, DemandProduct>(
      [...products.values()].map((product) => [
        product.id,
        { productId: product.id, unit: product.unit, unitPrice: prices.get(product.id)?.unitPrice ?? null },
      ]),
    );
    const demand = computeDemand(
      request.items.map((entry) => ({ menuItemId: entry.menuItemId, portions: dec(entry.portions) })),
      new Map(
        items.map((item) => [
          item.id,
          item.ingredients.map((line) => ({
            productId: line.productId,
            quantityPerPortion: dec(line.quantityPerPortion.toString()),
          })),
        ]),
      ),
      demandProducts,
    );
    return {
      ...demand,
      products: demand.products.map((entry) => ({ ...entry, product: products.get(entry.productId)! })),
    };
  }

  /** The item as it is now, costed (after a change the caller was authorized for). */
  async #view(menuItemId: string): Promise<MenuItemView> {
    const item = await this.#repo.findById(menuItemId);
    if (!item) throw menuItemNotFound(menuItemId);
    const [view] = await this.#cost(item.restaurantId, [item]);
    return view!;
  }

  /** Checks the recipe's products: each must exist and come from a supplier the restaurant actively buys from. */
  async #ingredients(
    restaurantId: string,
    lines: NonNullable<MenuItemCreate['ingredients']>,
  ): Promise<IngredientData[]> {
    const found = await this.#products.forRestaurant(
      restaurantId,
      lines.map((line) => line.productId),
    );
    const usable = new Set(
      [...found.values()].filter((product) => product.supplierActive && !product.removed).map(({ id }) => id),
    );
    const issues = lines.flatMap((line, index) =>
      usable.has(line.productId)
        ? []
        : [
            {
              path: `ingredients.${index}.productId`,
              message: 'No such product from a supplier this restaurant is an active customer of',
              code: 'product_not_available',
            },
          ],
    );
    if (issues.length > 0) throw validationFailed(issues);
    return lines.map((line) => ({
      productId: line.productId,
      quantityPerPortion: new Prisma.Decimal(line.quantityPerPortion),
      note: line.note ?? null,
    }));
  }

  /** Prices every recipe line of `items` in one lookup. */
  async #cost(restaurantId: string, items: readonly MenuItemRecord[]): Promise<MenuItemView[]> {
    const productIds = [...new Set(items.flatMap((item) => item.ingredients.map((line) => line.productId)))];
    const now = this.#clock.now();
    const prices = await this.#prices.resolve(restaurantId, productIds, now);
    const salesVatRate = restaurantServiceVatRateOn(stockholmParts(now).date);
    return items.map((item) => {
      const priced = item.ingredients.map((line) => {
        const price = prices.get(line.productId);
        return { line, unitPrice: price?.unitPrice ?? null, priceSource: price?.source ?? null };
      });
      const { lines, ...costing } = costDish(
        priced.map(({ line, unitPrice }) => ({
          productId: line.productId,
          quantityPerPortion: dec(line.quantityPerPortion.toString()),
          unitPrice,
        })),
        item.salesPrice === null ? null : dec(item.salesPrice.toString()),
        salesVatRate,
      );
      return {
        ...item,
        ingredients: priced.map(({ line, unitPrice, priceSource }, index) => ({
          ...line,
          unitPrice,
          priceSource,
          cost: lines[index]?.cost ?? null,
        })),
        costing,
      };
    });
  }

  #restaurant(acting: Acting, restaurantId: string, permission: Permission) {
    return this.#access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'staff',
      permission,
    });
  }

  /** The item, if the actor may act for its restaurant; an item of someone else's restaurant is 404. */
  async #authorizeItem(acting: Acting, menuItemId: string, permission: Permission): Promise<MenuItemRecord> {
    if (!UUID.test(menuItemId)) throw menuItemNotFound(menuItemId);
    const item = await this.#repo.findById(menuItemId);
    if (!item) throw menuItemNotFound(menuItemId);
    try {
      await this.#restaurant(acting, item.restaurantId, permission);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND')
        throw menuItemNotFound(menuItemId);
      throw error;
    }
    return item;
  }
}
