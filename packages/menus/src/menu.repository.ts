import { escapeLike, nameAfter, byName, type Prisma, type DbOrTx, type ByNamePage } from '@iris/db';
import { PRODUCT_SNAPSHOT_SELECT, toProductSnapshot, type ProductSnapshot } from '@iris/catalog';

/** What a recipe line shows of its product (a snapshot of the catalogue now). */
export type IngredientProduct = ProductSnapshot;

export interface RecipeIngredientRecord {
  productId: string;
  quantityPerPortion: Prisma.Decimal;
  note: string | null;
  product: IngredientProduct;
}

export interface MenuItemRecord {
  id: string;
  restaurantId: string;
  name: string;
  category: string | null;
  salesPrice: Prisma.Decimal | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  ingredients: RecipeIngredientRecord[];
}

export interface MenuItemFilter {
  /** Name or category, case-insensitive substring. */
  q?: string | undefined;
  active?: boolean | undefined;
  category?: string | undefined;
}

/** Keyset position: the (name, id) of the last row of the previous page (lists are sorted by name). */
export type MenuItemPage = ByNamePage;

export interface MenuItemData {
  name?: string | undefined;
  category?: string | null | undefined;
  salesPrice?: Prisma.Decimal | null | undefined;
  active?: boolean | undefined;
}

export interface IngredientData {
  productId: string;
  quantityPerPortion: Prisma.Decimal;
  note: string | null;
}

const MENU_ITEM_SELECT = {
  id: true,
  restaurantId: true,
  name: true,
  category: true,
  salesPrice: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  // Relation selects are not soft-delete filtered: say so.
  ingredients: {
    where: { deletedAt: null },
    // No position column: recipe lines read in product name order.
    orderBy: [{ product: { name: 'asc' } }, { productId: 'asc' }],
    select: {
      productId: true,
      quantityPerPortion: true,
      note: true,
      product: { select: PRODUCT_SNAPSHOT_SELECT },
    },
  },
} as const satisfies Prisma.MenuItemSelect;

type MenuItemRow = Prisma.MenuItemGetPayload<{ select: typeof MENU_ITEM_SELECT }>;

function toRecord(row: MenuItemRow): MenuItemRecord {
  return {
    ...row,
    ingredients: row.ingredients.map(({ product, ...line }) => ({
      ...line,
      product: toProductSnapshot(product),
    })),
  };
}

/** The only code that knows how menu items and recipes are stored. */
export class MenuRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async findById(id: string, tx: DbOrTx = this.#db): Promise<MenuItemRecord | null> {
    const row = await tx.menuItem.findFirst({ where: { id }, select: MENU_ITEM_SELECT });
    return row ? toRecord(row) : null;
  }

  /** Sorted by name (then id); fetches `limit + 1` rows so the caller can tell whether there is more. */
  async list(
    restaurantId: string,
    filter: MenuItemFilter,
    page: MenuItemPage,
    tx: DbOrTx = this.#db,
  ): Promise<MenuItemRecord[]> {
    const q = filter.q?.trim();
    const rows = await tx.menuItem.findMany({
      where: {
        AND: [
          { restaurantId },
          filter.active === undefined ? {} : { active: filter.active },
          filter.category ? { category: { equals: filter.category, mode: 'insensitive' } } : {},
          q
            ? {
                OR: [
                  { name: { contains: escapeLike(q), mode: 'insensitive' } },
                  { category: { contains: escapeLike(q), mode: 'insensitive' } },
                ],
              }
            : {},
          nameAfter(page.after),
        ],
      },
      orderBy: byName(),
      take: page.limit + 1,
      select: MENU_ITEM_SELECT,
    });
    return rows.map(toRecord);
  }

  /** The restaurant's (undeleted) menu items among `ids`, with their recipes. */
  async findManyOfRestaurant(
    restaurantId: string,
    ids: readonly string[],
    tx: DbOrTx = this.#db,
  ): Promise<MenuItemRecord[]> {
    if (ids.length === 0) return [];
    const rows = await tx.menuItem.findMany({
      where: { restaurantId, id: { in: [...ids] } },
      select: MENU_ITEM_SELECT,
    });
    return rows.map(toRecord);
  }

  async create(
    restaurantId: string,
    data: MenuItemData & { name: string },
    ingredients: readonly IngredientData[],
    tx: DbOrTx = this.#db,
  ): Promise<string> {
    const row = await tx.menuItem.create({
      data: {
        restaurantId,
        ...data,
        ingredients: { create: ingredients.map((line) => ({ ...line })) },
      },
      select: { id: true },
    });
    return row.id;
  }

  /** Returns the number of rows changed (0: deleted meanwhile). */
  async update(id: string, data: MenuItemData, at: Date, tx: DbOrTx = this.#db): Promise<number> {
    // updatedAt set explicitly: it moves even when only the recipe changes.
    const result = await tx.menuItem.updateMany({ where: { id }, data: { ...data, updatedAt: at } });
    return result.count;
  }

  /**
   * Replaces the recipe. Recipe lines are part of the dish, not records of their own: they are removed for
   * real, so a product can come back later (the pair is unique in the table).
   */
  async replaceIngredients(
    menuItemId: string,
    ingredients: readonly IngredientData[],
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    await tx.recipeIngredient.deleteMany({ where: { menuItemId } });
    if (ingredients.length > 0) {
      await tx.recipeIngredient.createMany({
        data: ingredients.map((line) => ({ menuItemId, ...line })),
      });
    }
  }

  async softDelete(id: string, at: Date, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.menuItem.updateMany({ where: { id }, data: { deletedAt: at } });
    return result.count;
  }
}
