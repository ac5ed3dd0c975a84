import { randomUUID } from 'node:crypto';
import { RESOLVED_PRICE_COLUMNS, resolvedPriceJoins, type PriceSource } from '@iris/catalog';
import { Prisma, type DbOrTx, type Tx } from '@iris/db';

/** The one-open-cart-per-pair key (cart.openKey). */
export function openCartKey(restaurantId: string, supplierId: string): string {
  return `${restaurantId}:${supplierId}`;
}

/** What a cart view needs to know about the supplier and the restaurant's relationship with it. */
export interface CartContext {
  supplierName: string;
  orderCutoff: Prisma.JsonValue;
  /** null: no relationship at all. */
  relationshipStatus: 'requested' | 'active' | 'blocked' | null;
  deliveryDays: number[];
  minimumOrderValue: Prisma.Decimal;
  currency: string;
  /** When asked about one product: whether it is this supplier's and its state (null: not theirs). */
  product: { active: boolean; deleted: boolean } | null;
}

export interface CartHeader {
  id: string;
  requestedDeliveryDate: Date | null;
  deliveryAddressId: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CartLineRow {
  lineId: string;
  productId: string;
  quantity: Prisma.Decimal;
  sku: string;
  gtin: string | null;
  name: string;
  unit: string;
  packSize: string | null;
  vatClass: 'food' | 'standard' | 'reduced';
  stockStatus: 'in_stock' | 'low_stock' | 'out_of_stock';
  active: boolean;
  productDeleted: boolean;
  productSupplierId: string;
  resolvedPrice: Prisma.Decimal | null;
  priceSource: PriceSource | null;
  listPrice: Prisma.Decimal | null;
}

export interface OpenCart {
  header: CartHeader;
  lines: CartLineRow[];
}

interface CartRow {
  cartId: string;
  requestedDeliveryDate: Date | null;
  deliveryAddressId: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  lineId: string | null;
  productId: string | null;
  quantity: Prisma.Decimal | null;
  sku: string | null;
  gtin: string | null;
  name: string | null;
  unit: string | null;
  packSize: string | null;
  vatClass: CartLineRow['vatClass'] | null;
  stockStatus: CartLineRow['stockStatus'] | null;
  active: boolean | null;
  productDeleted: boolean | null;
  productSupplierId: string | null;
  resolvedPrice: Prisma.Decimal | null;
  priceSource: PriceSource | null;
  listPrice: Prisma.Decimal | null;
}

/**
 * The only code that knows how carts are stored. Writes are single statements (setLine is hot: one
 * round trip creates the cart if needed and sets the line).
 */
export class CartRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** The supplier (null: no such supplier), the pair's relationship and optionally one product: one query. */
  async context(
    restaurantId: string,
    supplierId: string,
    productId: string | null = null,
    tx: DbOrTx = this.#db,
  ): Promise<CartContext | null> {
    const rows = await tx.$queryRaw<
      {
        supplierName: string;
        orderCutoff: Prisma.JsonValue;
        relationshipStatus: CartContext['relationshipStatus'];
        deliveryDays: number[] | null;
        minimumOrderValue: Prisma.Decimal | null;
        currency: string | null;
        productActive: boolean | null;
        productDeleted: boolean | null;
      }[]
    >`
      SELECT o."name" AS "supplierName", s."orderCutoff",
        cr."status"::text AS "relationshipStatus", cr."deliveryDays", cr."minimumOrderValue", cr."currency",
        p."active" AS "productActive", (p."deletedAt" IS NOT NULL) AS "productDeleted"
      FROM "supplier" s
      JOIN "organization" o ON o."id" = s."id" AND o."deletedAt" IS NULL
      LEFT JOIN "customer_relationship" cr
        ON cr."supplierId" = s."id" AND cr."restaurantId" = ${restaurantId}::uuid AND cr."deletedAt" IS NULL
      LEFT JOIN "product" p ON p."id" = ${productId}::uuid AND p."supplierId" = s."id"
      WHERE s."id" = ${supplierId}::uuid AND s."deletedAt" IS NULL`;
    const row = rows[0];
    if (!row) return null;
    return {
      supplierName: row.supplierName,
      orderCutoff: row.orderCutoff,
      relationshipStatus: row.relationshipStatus,
      deliveryDays: row.deliveryDays ?? [],
      minimumOrderValue: row.minimumOrderValue ?? new Prisma.Decimal(0),
      currency: row.currency ?? 'SEK',
      product:
        row.productActive === null
          ? null
          : { active: row.productActive, deleted: row.productDeleted ?? false },
    };
  }

  /** The open cart with its lines, their products and prices resolved at `at`: one query. */
  async findOpen(
    restaurantId: string,
    supplierId: string,
    at: Date,
    tx: DbOrTx = this.#db,
  ): Promise<OpenCart | null> {
    const key = openCartKey(restaurantId, supplierId);
    const rows = await tx.$queryRaw<CartRow[]>`
      SELECT c."id" AS "cartId", c."requestedDeliveryDate", c."deliveryAddressId", c."note",
        c."createdAt", c."updatedAt",
        l."id" AS "lineId", l."productId", l."quantity",
        p."sku", p."gtin", p."name", p."unit", p."packSize", p."vatClass"::text AS "vatClass",
        p."stockStatus"::text AS "stockStatus", p."active", (p."deletedAt" IS NOT NULL) AS "productDeleted",
        p."supplierId" AS "productSupplierId",
        ${RESOLVED_PRICE_COLUMNS}
      FROM "cart" c
      LEFT JOIN "cart_line" l ON l."cartId" = c."id" AND l."deletedAt" IS NULL
      LEFT JOIN "product" p ON p."id" = l."productId"
      ${resolvedPriceJoins(restaurantId, at)}
      WHERE c."openKey" = ${key} AND c."deletedAt" IS NULL
      ORDER BY l."createdAt" ASC, l."id" ASC`;
    const first = rows[0];
    if (!first) return null;
    return {
      header: cartHeaderOf(first),
      lines: rows.flatMap((row) =>
        row.lineId === null || row.productId === null || row.quantity === null || row.sku === null
          ? []
          : [
              {
                lineId: row.lineId,
                productId: row.productId,
                quantity: row.quantity,
                sku: row.sku,
                gtin: row.gtin,
                name: row.name ?? '',
                unit: row.unit ?? '',
                packSize: row.packSize,
                vatClass: row.vatClass ?? 'food',
                stockStatus: row.stockStatus ?? 'in_stock',
                active: row.active ?? false,
                productDeleted: row.productDeleted ?? false,
                productSupplierId: row.productSupplierId ?? '',
                resolvedPrice: row.resolvedPrice,
                priceSource: row.priceSource,
                listPrice: row.listPrice,
              },
            ],
      ),
    };
  }

  /**
   * Locks the open cart for a checkout (until the transaction ends) and returns it with its lines' products
   * and quantities: one query. A concurrent checkout that got the lock first leaves nothing (the cart is
   * no longer open when the lock is granted).
   */
  async lockOpen(
    restaurantId: string,
    supplierId: string,
    tx: Tx,
  ): Promise<{ header: CartHeader; lines: { productId: string; quantity: Prisma.Decimal }[] } | null> {
    const key = openCartKey(restaurantId, supplierId);
    const rows = await tx.$queryRaw<
      (Omit<CartHeader, 'id'> & {
        cartId: string;
        productId: string | null;
        quantity: Prisma.Decimal | null;
      })[]
    >`
      SELECT c."id" AS "cartId", c."requestedDeliveryDate", c."deliveryAddressId", c."note", c."createdAt",
        c."updatedAt", l."productId", l."quantity"
      FROM "cart" c
      LEFT JOIN "cart_line" l ON l."cartId" = c."id" AND l."deletedAt" IS NULL
      WHERE c."openKey" = ${key} AND c."deletedAt" IS NULL
      ORDER BY l."createdAt" ASC, l."id" ASC
      FOR UPDATE OF c`;
    const first = rows[0];
    if (!first) return null;
    return {
      header: cartHeaderOf(first),
      lines: rows.flatMap((row) =>
        row.productId === null || row.quantity === null
          ? []
          : [{ productId: row.productId, quantity: row.quantity }],
      ),
    };
  }

  /** The supplier ids of the restaurant's open carts, most recently changed first. */
  async openSupplierIds(restaurantId: string, tx: DbOrTx = this.#db): Promise<string[]> {
    const rows = await tx.cart.findMany({
      where: { restaurantId, status: 'open', openKey: { not: null } },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      select: { supplierId: true },
    });
    return rows.map((row) => row.supplierId);
  }

  /**
   * Sets a line's quantity, creating the open cart on the first line: one statement. A line removed
   * earlier is revived; a cart being checked out concurrently is waited for, and then a new cart is
   * opened (the checked-out one no longer holds the key).
   */
  async setLine(
    restaurantId: string,
    supplierId: string,
    productId: string,
    quantity: string,
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    const key = openCartKey(restaurantId, supplierId);
    await tx.$executeRaw`
      WITH cart AS (
        INSERT INTO "cart" ("id", "restaurantId", "supplierId", "status", "openKey", "updatedAt")
        VALUES (${randomUUID()}::uuid, ${restaurantId}::uuid, ${supplierId}::uuid, 'open', ${key}, now())
        ON CONFLICT ("openKey") DO UPDATE SET "updatedAt" = now()
        RETURNING "id"
      )
      INSERT INTO "cart_line" ("id", "cartId", "productId", "quantity", "updatedAt")
      SELECT ${randomUUID()}::uuid, cart."id", ${productId}::uuid, ${quantity}::numeric, now() FROM cart
      ON CONFLICT ("cartId", "productId")
        DO UPDATE SET "quantity" = EXCLUDED."quantity", "deletedAt" = NULL, "updatedAt" = now()`;
  }

  /** Removes a line from the open cart (soft delete); returns whether there was one. */
  async removeLine(
    restaurantId: string,
    supplierId: string,
    productId: string,
    tx: DbOrTx = this.#db,
  ): Promise<boolean> {
    const key = openCartKey(restaurantId, supplierId);
    const count = await tx.$executeRaw`
      UPDATE "cart_line" l SET "deletedAt" = now(), "updatedAt" = now()
      FROM "cart" c
      WHERE c."openKey" = ${key} AND l."cartId" = c."id" AND l."productId" = ${productId}::uuid
        AND l."deletedAt" IS NULL`;
    return count > 0;
  }

  /** Throws the open cart away (soft delete; the key is freed for a new one). */
  async discard(restaurantId: string, supplierId: string, tx: DbOrTx = this.#db): Promise<void> {
    const key = openCartKey(restaurantId, supplierId);
    await tx.$executeRaw`
      UPDATE "cart" SET "deletedAt" = now(), "openKey" = NULL, "updatedAt" = now() WHERE "openKey" = ${key}`;
  }

  /** Sets the cart's delivery details (absent: unchanged), creating the open cart if there is none. */
  async updateDetails(
    restaurantId: string,
    supplierId: string,
    details: {
      /** yyyy-MM-dd */
      requestedDeliveryDate?: string | null | undefined;
      deliveryAddressId?: string | null | undefined;
      note?: string | null | undefined;
    },
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    const key = openCartKey(restaurantId, supplierId);
    const sets: Prisma.Sql[] = [Prisma.sql`"updatedAt" = now()`];
    if (details.requestedDeliveryDate !== undefined) {
      sets.push(Prisma.sql`"requestedDeliveryDate" = EXCLUDED."requestedDeliveryDate"`);
    }
    if (details.deliveryAddressId !== undefined) {
      sets.push(Prisma.sql`"deliveryAddressId" = EXCLUDED."deliveryAddressId"`);
    }
    if (details.note !== undefined) sets.push(Prisma.sql`"note" = EXCLUDED."note"`);
    await tx.$executeRaw`
      INSERT INTO "cart" ("id", "restaurantId", "supplierId", "status", "openKey",
        "requestedDeliveryDate", "deliveryAddressId", "note", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${restaurantId}::uuid, ${supplierId}::uuid, 'open', ${key},
        ${details.requestedDeliveryDate ?? null}::date, ${details.deliveryAddressId ?? null}::uuid,
        ${details.note ?? null}, now())
      ON CONFLICT ("openKey") DO UPDATE SET ${Prisma.join(sets, ', ')}`;
  }

  /** The checkout's end: the cart is no longer open (its key is freed). */
  async markCheckedOut(cartId: string, at: Date, tx: Tx): Promise<void> {
    await tx.$executeRaw`
      UPDATE "cart" SET "status" = 'checked_out', "openKey" = NULL, "checkedOutAt" = ${at}, "updatedAt" = ${at}
      WHERE "id" = ${cartId}::uuid`;
  }

  /** Whether the address is one of the restaurant's (not deleted). */
  async addressBelongs(restaurantId: string, addressId: string, tx: DbOrTx = this.#db): Promise<boolean> {
    const found = await tx.deliveryAddress.findFirst({
      where: { id: addressId, restaurantId },
      select: { id: true },
    });
    return found !== null;
  }
}

/** The cart's own columns, as every cart query selects them (`c."id" AS "cartId"`, …). */
function cartHeaderOf(row: {
  cartId: string;
  requestedDeliveryDate: Date | null;
  deliveryAddressId: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}) {
  return {
    id: row.cartId,
    requestedDeliveryDate: row.requestedDeliveryDate,
    deliveryAddressId: row.deliveryAddressId,
    note: row.note,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
