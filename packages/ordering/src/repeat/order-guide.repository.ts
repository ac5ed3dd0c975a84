import { nameAfter, byName, type DbOrTx, type Prisma, type ByNamePage } from '@iris/db';
import { PRODUCT_SNAPSHOT_SELECT, toProductSnapshot, type ProductSnapshot } from '@iris/catalog';

export interface OrderGuideRecord {
  id: string;
  restaurantId: string;
  name: string;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderGuideItemRecord {
  productId: string;
  parQuantity: Prisma.Decimal | null;
  position: number;
  note: string | null;
  product: ProductSnapshot;
  createdAt: Date;
  updatedAt: Date;
}

/** Keyset position: the (name, id) of the last guide of the previous page (guides are sorted by name). */
export type OrderGuidePage = ByNamePage;

export interface GuideItemData {
  parQuantity?: Prisma.Decimal | null | undefined;
  position?: number | undefined;
  note?: string | null | undefined;
}

/** One (restaurant, product) line of past orders: one order's quantity of one product. */
export interface OrderedLineRow {
  productId: string;
  orderId: string;
  submittedAt: Date;
  quantity: Prisma.Decimal;
}

const GUIDE_SELECT = {
  id: true,
  restaurantId: true,
  name: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { items: { where: { deletedAt: null } } } },
} as const satisfies Prisma.OrderGuideSelect;

type GuideRow = Prisma.OrderGuideGetPayload<{ select: typeof GUIDE_SELECT }>;

function toGuide({ _count, ...row }: GuideRow): OrderGuideRecord {
  return { ...row, itemCount: _count.items };
}

/** The only code that knows how order guides are stored. */
export class OrderGuideRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async findById(id: string, tx: DbOrTx = this.#db): Promise<OrderGuideRecord | null> {
    const row = await tx.orderGuide.findFirst({ where: { id }, select: GUIDE_SELECT });
    return row ? toGuide(row) : null;
  }

  /** Sorted by name (then id); fetches `limit + 1` rows so the caller can tell whether there is more. */
  async list(restaurantId: string, page: OrderGuidePage, tx: DbOrTx = this.#db): Promise<OrderGuideRecord[]> {
    const rows = await tx.orderGuide.findMany({
      where: {
        restaurantId,
        ...nameAfter(page.after),
      },
      orderBy: byName(),
      take: page.limit + 1,
      select: GUIDE_SELECT,
    });
    return rows.map(toGuide);
  }

  /** The guide's items by position, then product name (removed products included, flagged). */
  async items(guideId: string, tx: DbOrTx = this.#db): Promise<OrderGuideItemRecord[]> {
    const rows = await tx.orderGuideItem.findMany({
      where: { guideId },
      orderBy: [{ position: 'asc' }, { product: { name: 'asc' } }, { productId: 'asc' }],
      select: {
        productId: true,
        parQuantity: true,
        position: true,
        note: true,
        createdAt: true,
        updatedAt: true,
        product: { select: PRODUCT_SNAPSHOT_SELECT },
      },
    });
    return rows.map(({ product, ...row }) => ({ ...row, product: toProductSnapshot(product) }));
  }

  async create(restaurantId: string, name: string, tx: DbOrTx = this.#db): Promise<OrderGuideRecord> {
    const row = await tx.orderGuide.create({ data: { restaurantId, name }, select: GUIDE_SELECT });
    return toGuide(row);
  }

  async rename(id: string, name: string, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.orderGuide.updateMany({ where: { id }, data: { name } });
    return result.count;
  }

  /** Marks the guide changed (an item was set or removed). */
  async touch(id: string, at: Date, tx: DbOrTx = this.#db): Promise<void> {
    await tx.orderGuide.updateMany({ where: { id }, data: { updatedAt: at } });
  }

  async softDelete(id: string, at: Date, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.orderGuide.updateMany({ where: { id }, data: { deletedAt: at } });
    return result.count;
  }

  async findItem(
    guideId: string,
    productId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string; position: number } | null> {
    return tx.orderGuideItem.findFirst({
      where: { guideId, productId },
      select: { id: true, position: true },
    });
  }

  /** The position after the last item (new items go to the end). */
  async nextPosition(guideId: string, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.orderGuideItem.aggregate({ where: { guideId }, _max: { position: true } });
    return (result._max.position ?? -1) + 1;
  }

  async insertItem(
    guideId: string,
    productId: string,
    data: GuideItemData & { position: number },
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    await tx.orderGuideItem.create({
      data: {
        guideId,
        productId,
        position: data.position,
        parQuantity: data.parQuantity ?? null,
        note: data.note ?? null,
      },
    });
  }

  async updateItem(itemId: string, data: GuideItemData, tx: DbOrTx = this.#db): Promise<void> {
    await tx.orderGuideItem.updateMany({ where: { id: itemId }, data });
  }

  /**
   * Takes a product off the guide. Items are part of the guide, not records of their own: removed for real,
   * so the product can be put back (the pair is unique in the table).
   */
  async deleteItem(guideId: string, productId: string, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.orderGuideItem.deleteMany({ where: { guideId, productId } });
    return result.count;
  }

  /**
   * What the restaurant ordered since `since`: one row per order and product (quantities of repeated
   * lines added up), cancelled orders left out, and only products still active and in the catalogue.
   */
  orderedSince(restaurantId: string, since: Date, tx: DbOrTx = this.#db): Promise<OrderedLineRow[]> {
    return tx.$queryRaw<OrderedLineRow[]>`
      SELECT l."productId", o."id" AS "orderId", o."submittedAt", SUM(l."quantity") AS "quantity"
      FROM "order" o
      JOIN "order_line" l ON l."orderId" = o."id" AND l."deletedAt" IS NULL
      JOIN "product" p ON p."id" = l."productId" AND p."deletedAt" IS NULL AND p."active"
      WHERE o."restaurantId" = ${restaurantId}::uuid
        AND o."deletedAt" IS NULL
        AND o."status" <> 'cancelled'
        AND o."submittedAt" >= ${since}
      GROUP BY l."productId", o."id", o."submittedAt"`;
  }
}
