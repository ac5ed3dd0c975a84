import type { DbOrTx, Prisma } from '@iris/db';

/** A product as one restaurant sees it: what it is, and whether the restaurant may buy it. */
export interface RestaurantProduct {
  id: string;
  supplierId: string;
  supplierName: string;
  sku: string;
  name: string;
  unit: string;
  packSize: string | null;
  active: boolean;
  stockStatus: string;
  /** Removed from the supplier's catalogue (soft-deleted). */
  removed: boolean;
  /** The restaurant is an active customer of the supplier. */
  supplierActive: boolean;
}

/** What a line referring to a product (guide item, recipe line, standing order line) shows of it now. */
export type ProductSnapshot = Omit<RestaurantProduct, 'supplierActive'>;

export const PRODUCT_SNAPSHOT_SELECT = {
  id: true,
  supplierId: true,
  sku: true,
  name: true,
  unit: true,
  packSize: true,
  active: true,
  stockStatus: true,
  deletedAt: true,
  supplier: { select: { organization: { select: { name: true } } } },
} as const satisfies Prisma.ProductSelect;

export type ProductSnapshotRow = Prisma.ProductGetPayload<{ select: typeof PRODUCT_SNAPSHOT_SELECT }>;

/** The snapshot fields of a product row (without the restaurant's view). */
export function toProductSnapshot(row: ProductSnapshotRow): ProductSnapshot {
  return {
    id: row.id,
    supplierId: row.supplierId,
    supplierName: row.supplier.organization.name,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    packSize: row.packSize,
    active: row.active,
    stockStatus: row.stockStatus,
    removed: row.deletedAt !== null,
  };
}

/**
 * Reads products as one restaurant sees them, for the areas that refer to a restaurant's products (repeat
 * buying, menus).
 */
export class ProductLookupRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * The products among `productIds` (removed ones included, flagged), each with whether the restaurant is
   * an active customer of its supplier. Unknown ids are absent.
   */
  async forRestaurant(
    restaurantId: string,
    productIds: readonly string[],
    tx: DbOrTx = this.#db,
  ): Promise<Map<string, RestaurantProduct>> {
    if (productIds.length === 0) return new Map();
    const rows = await tx.product.findMany({
      where: { id: { in: [...new Set(productIds)] }, deletedAt: undefined },
      select: {
        ...PRODUCT_SNAPSHOT_SELECT,
        supplier: {
          select: {
            organization: { select: { name: true, deletedAt: true } },
            customers: {
              where: { restaurantId, status: 'active', deletedAt: null },
              select: { id: true },
              take: 1,
            },
          },
        },
      },
    });
    return new Map(
      rows.map((row) => [
        row.id,
        {
          ...toProductSnapshot(row),
          supplierActive: row.supplier.customers.length > 0 && row.supplier.organization.deletedAt === null,
        },
      ]),
    );
  }
}
