import { randomUUID } from 'node:crypto';
import { RESOLVED_PRICE_COLUMNS, resolvedPriceJoins, type PriceSource } from '@iris/catalog';
import { createdBefore, newestFirst, Prisma, type DbOrTx, type NewestFirstPage, type Tx } from '@iris/db';
import type { OrderStatus } from './order-state.ts';

const LINE_SELECT = {
  id: true,
  lineNo: true,
  productId: true,
  sku: true,
  gtin: true,
  name: true,
  unit: true,
  packSize: true,
  quantity: true,
  confirmedQuantity: true,
  change: true,
  proposedQuantity: true,
  substituteProductId: true,
  substitute: true,
  changeReason: true,
  receivedQuantity: true,
  discrepancyReason: true,
  discrepancyNote: true,
  unitPrice: true,
  priceSource: true,
  vatClass: true,
  vatRate: true,
  lineTotal: true,
} as const satisfies Prisma.OrderLineSelect;

const HISTORY_SELECT = {
  id: true,
  fromStatus: true,
  toStatus: true,
  actorKind: true,
  actorUserId: true,
  actorServiceAccountId: true,
  reason: true,
  metadata: true,
  createdAt: true,
} as const satisfies Prisma.OrderStatusChangeSelect;

const ORDER_SUMMARY_SELECT = {
  id: true,
  number: true,
  restaurantId: true,
  supplierId: true,
  cartId: true,
  standingOrderId: true,
  source: true,
  status: true,
  customerNumber: true,
  requestedDeliveryDate: true,
  cutoffAt: true,
  deliveryAddressId: true,
  deliveryAddressSnapshot: true,
  note: true,
  currency: true,
  subtotal: true,
  vatTotal: true,
  total: true,
  vatBreakdown: true,
  placedByUserId: true,
  placedByServiceAccountId: true,
  submittedAt: true,
  confirmedAt: true,
  deliveredAt: true,
  invoicedAt: true,
  closedAt: true,
  cancelledAt: true,
  cancelReason: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  restaurant: { select: { organization: { select: { name: true } } } },
  supplier: { select: { organization: { select: { name: true } } } },
  _count: { select: { lines: true } },
} as const satisfies Prisma.OrderSelect;

const ORDER_DETAIL_SELECT = {
  ...ORDER_SUMMARY_SELECT,
  lines: { where: { deletedAt: null }, orderBy: { lineNo: 'asc' }, select: LINE_SELECT },
  history: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: HISTORY_SELECT },
} as const satisfies Prisma.OrderSelect;

type SummaryRow = Prisma.OrderGetPayload<{ select: typeof ORDER_SUMMARY_SELECT }>;
type DetailRow = Prisma.OrderGetPayload<{ select: typeof ORDER_DETAIL_SELECT }>;

export type OrderLineRecord = Prisma.OrderLineGetPayload<{ select: typeof LINE_SELECT }>;
export type OrderHistoryRecord = Prisma.OrderStatusChangeGetPayload<{ select: typeof HISTORY_SELECT }>;

export type OrderSummaryRecord = Omit<SummaryRow, 'restaurant' | 'supplier' | '_count'> & {
  restaurantName: string;
  supplierName: string;
  lineCount: number;
};
export type OrderRecord = OrderSummaryRecord & {
  lines: OrderLineRecord[];
  history: OrderHistoryRecord[];
};

function toSummary(row: SummaryRow): OrderSummaryRecord {
  const { restaurant, supplier, _count, ...rest } = row;
  return {
    ...rest,
    restaurantName: restaurant.organization.name,
    supplierName: supplier.organization.name,
    lineCount: _count.lines,
  };
}

function toRecord(row: DetailRow): OrderRecord {
  const { lines, history, ...summary } = row;
  return { ...toSummary(summary), lines, history };
}

/** A delivery address as an order snapshots it. */
export type AddressSnapshot = {
  id: string;
  label: string;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
  instructions: string | null;
};

/** What placing an order needs to know about the pair, the supplier, the restaurant and the address. */
export interface PlacementContext {
  relationship: {
    status: Prisma.CustomerRelationshipModel['status'];
    deliveryDays: number[];
    minimumOrderValue: Prisma.Decimal;
    customerNumber: string | null;
    currency: string;
  } | null;
  supplierName: string;
  restaurantName: string;
  orderCutoff: Prisma.JsonValue;
  /** The address asked for (when it is the restaurant's), else the default one; null when none. */
  address: AddressSnapshot | null;
}

/** A product with the price the restaurant pays for it at an instant (null: none resolves). */
export interface PricedProductRecord extends ProductSnapshotRecord {
  deleted: boolean;
  unitPrice: Prisma.Decimal | null;
  priceSource: PriceSource | null;
}

export interface ProductSnapshotRecord {
  id: string;
  supplierId: string;
  sku: string;
  gtin: string | null;
  name: string;
  unit: string;
  packSize: string | null;
  vatClass: Prisma.ProductModel['vatClass'];
  stockStatus: Prisma.ProductModel['stockStatus'];
  active: boolean;
}

const PRODUCT_SNAPSHOT_SELECT = {
  id: true,
  supplierId: true,
  sku: true,
  gtin: true,
  name: true,
  unit: true,
  packSize: true,
  vatClass: true,
  stockStatus: true,
  active: true,
} as const satisfies Prisma.ProductSelect;

export interface OrderListFilter {
  restaurantId?: string | undefined;
  supplierId?: string | undefined;
  statuses?: readonly OrderStatus[] | undefined;
  deliveryFrom?: Date | undefined;
  deliveryTo?: Date | undefined;
}

export interface OrderLineData {
  lineNo: number;
  productId: string;
  sku: string;
  gtin: string | null;
  name: string;
  unit: string;
  packSize: string | null;
  quantity: string;
  unitPrice: string;
  priceSource: string;
  vatClass: Prisma.ProductModel['vatClass'];
  vatRate: string;
  lineTotal: string;
}

export interface StatusChangeData {
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actorKind: 'user' | 'service' | 'system';
  actorUserId: string | null;
  actorServiceAccountId: string | null;
  reason?: string | null | undefined;
  metadata?: Prisma.InputJsonObject | undefined;
}

/** The only code that knows how orders are stored. */
export class OrderRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * The supplier, the restaurant, their relationship and the delivery address (the one asked for, if it
   * is the restaurant's, else the default): one query. Null when the supplier or restaurant does not exist.
   */
  async placementContext(
    restaurantId: string,
    supplierId: string,
    addressId: string | null,
    tx: DbOrTx = this.#db,
  ): Promise<PlacementContext | null> {
    const rows = await tx.$queryRaw<
      {
        supplierName: string;
        restaurantName: string;
        orderCutoff: Prisma.JsonValue;
        status: Prisma.CustomerRelationshipModel['status'] | null;
        deliveryDays: number[] | null;
        minimumOrderValue: Prisma.Decimal | null;
        customerNumber: string | null;
        currency: string | null;
        address: AddressSnapshot | null;
      }[]
    >`
      SELECT so."name" AS "supplierName", ro."name" AS "restaurantName", s."orderCutoff",
        cr."status"::text AS "status", cr."deliveryDays", cr."minimumOrderValue", cr."customerNumber",
        cr."currency",
        (SELECT jsonb_build_object('id', da."id", 'label', da."label", 'line1', da."line1", 'line2', da."line2",
            'postalCode', da."postalCode", 'city', da."city", 'country', da."country",
            'instructions', da."instructions")
          FROM "delivery_address" da
          WHERE da."restaurantId" = r."id" AND da."deletedAt" IS NULL
            AND (da."id" = ${addressId}::uuid OR (${addressId}::uuid IS NULL AND da."isDefault"))
          LIMIT 1) AS "address"
      FROM "supplier" s
      JOIN "organization" so ON so."id" = s."id" AND so."deletedAt" IS NULL
      JOIN "restaurant" r ON r."id" = ${restaurantId}::uuid AND r."deletedAt" IS NULL
      JOIN "organization" ro ON ro."id" = r."id" AND ro."deletedAt" IS NULL
      LEFT JOIN "customer_relationship" cr
        ON cr."supplierId" = s."id" AND cr."restaurantId" = r."id" AND cr."deletedAt" IS NULL
      WHERE s."id" = ${supplierId}::uuid AND s."deletedAt" IS NULL`;
    const row = rows[0];
    if (!row) return null;
    return {
      relationship:
        row.status === null
          ? null
          : {
              status: row.status,
              deliveryDays: row.deliveryDays ?? [],
              minimumOrderValue: row.minimumOrderValue ?? new Prisma.Decimal(0),
              customerNumber: row.customerNumber,
              currency: row.currency ?? 'SEK',
            },
      supplierName: row.supplierName,
      restaurantName: row.restaurantName,
      orderCutoff: row.orderCutoff,
      address: row.address,
    };
  }

  /** Products by id, whatever their state (deleted ones included, flagged), with their snapshot fields. */
  async productSnapshots(
    productIds: readonly string[],
    tx: DbOrTx = this.#db,
  ): Promise<(ProductSnapshotRecord & { deleted: boolean })[]> {
    if (productIds.length === 0) return [];
    const rows = await tx.product.findMany({
      where: { id: { in: [...productIds] }, deletedAt: undefined },
      select: { ...PRODUCT_SNAPSHOT_SELECT, deletedAt: true },
    });
    return rows.map(({ deletedAt, ...row }) => ({ ...row, deleted: deletedAt !== null }));
  }

  /**
   * Products by id (deleted ones included, flagged) with the price the restaurant pays at `at`, resolved
   * by the catalogue's pricing SQL: one query.
   */
  async productsWithPrices(
    restaurantId: string,
    productIds: readonly string[],
    at: Date,
    tx: DbOrTx = this.#db,
  ): Promise<PricedProductRecord[]> {
    if (productIds.length === 0) return [];
    const rows = await tx.$queryRaw<
      (Omit<PricedProductRecord, 'unitPrice' | 'priceSource'> & {
        resolvedPrice: Prisma.Decimal | null;
        priceSource: PriceSource | null;
      })[]
    >`
      SELECT p."id", p."supplierId", p."sku", p."gtin", p."name", p."unit", p."packSize",
        p."vatClass"::text AS "vatClass", p."stockStatus"::text AS "stockStatus", p."active",
        (p."deletedAt" IS NOT NULL) AS "deleted", ${RESOLVED_PRICE_COLUMNS}
      FROM "product" p
      ${resolvedPriceJoins(restaurantId, at)}
      WHERE p."id" = ANY(${[...productIds]}::uuid[])`;
    return rows.map(({ resolvedPrice, priceSource, ...row }) => ({
      ...row,
      unitPrice: resolvedPrice,
      priceSource: resolvedPrice === null ? null : priceSource,
    }));
  }

  /**
   * Writes an order, its lines and its first history row (one statement: the order row and the rows that
   * reference it go in together) and returns the record as written, without reading it back.
   */
  async create(
    data: {
      restaurantId: string;
      supplierId: string;
      restaurantName: string;
      supplierName: string;
      cartId: string | null;
      standingOrderId: string | null;
      source: Prisma.OrderModel['source'];
      customerNumber: string | null;
      requestedDeliveryDate: Date;
      cutoffAt: Date;
      deliveryAddressId: string | null;
      deliveryAddressSnapshot: Prisma.InputJsonObject;
      note: string | null;
      currency: string;
      subtotal: string;
      vatTotal: string;
      total: string;
      vatBreakdown: Prisma.InputJsonArray;
      placedByUserId: string | null;
      placedByServiceAccountId: string | null;
      submittedAt: Date;
      lines: OrderLineData[];
      firstChange: StatusChangeData;
    },
    tx: Tx,
  ): Promise<OrderRecord> {
    const { lines, firstChange, restaurantName, supplierName, ...order } = data;
    const orderId = randomUUID();
    const historyId = randomUUID();
    const lineRows = lines.map((line) => ({ id: randomUUID(), orderId, ...line }));
    const column = <K extends keyof (typeof lineRows)[number]>(key: K) => lineRows.map((line) => line[key]);
    const metadata = firstChange.metadata ?? {};
    const [created] = await tx.$queryRaw<
      { number: number; createdAt: Date; updatedAt: Date; historyCreatedAt: Date }[]
    >`
      WITH o AS (
        INSERT INTO "order" ("id", "restaurantId", "supplierId", "cartId", "standingOrderId", "source",
          "customerNumber", "requestedDeliveryDate", "cutoffAt", "deliveryAddressId", "deliveryAddressSnapshot",
          "note", "currency", "subtotal", "vatTotal", "total", "vatBreakdown", "placedByUserId",
          "placedByServiceAccountId", "submittedAt", "updatedAt")
        VALUES (${orderId}::uuid, ${order.restaurantId}::uuid, ${order.supplierId}::uuid, ${order.cartId}::uuid,
          ${order.standingOrderId}::uuid, ${order.source}::"OrderSource", ${order.customerNumber},
          ${order.requestedDeliveryDate.toISOString().slice(0, 10)}::date, ${order.cutoffAt}::timestamptz,
          ${order.deliveryAddressId}::uuid, ${JSON.stringify(order.deliveryAddressSnapshot)}::jsonb, ${order.note},
          ${order.currency}, ${order.subtotal}::numeric, ${order.vatTotal}::numeric, ${order.total}::numeric,
          ${JSON.stringify(order.vatBreakdown)}::jsonb, ${order.placedByUserId}::uuid,
          ${order.placedByServiceAccountId}::uuid, ${order.submittedAt}::timestamptz, now())
        RETURNING "id", "number", "createdAt", "updatedAt"
      ),
      l AS (
        INSERT INTO "order_line" ("id", "orderId", "lineNo", "productId", "sku", "gtin", "name", "unit",
          "packSize", "quantity", "unitPrice", "priceSource", "vatClass", "vatRate", "lineTotal", "updatedAt")
        SELECT u."id", o."id", u."lineNo", u."productId", u."sku", u."gtin", u."name", u."unit", u."packSize",
          u."quantity", u."unitPrice", u."priceSource", u."vatClass"::"VatClass", u."vatRate", u."lineTotal", now()
        FROM o, unnest(${column('id')}::uuid[], ${column('lineNo')}::int[], ${column('productId')}::uuid[],
          ${column('sku')}::text[], ${column('gtin')}::text[], ${column('name')}::text[], ${column('unit')}::text[],
          ${column('packSize')}::text[], ${column('quantity')}::numeric[], ${column('unitPrice')}::numeric[],
          ${column('priceSource')}::text[], ${column('vatClass')}::text[], ${column('vatRate')}::numeric[],
          ${column('lineTotal')}::numeric[])
          AS u("id", "lineNo", "productId", "sku", "gtin", "name", "unit", "packSize", "quantity", "unitPrice",
            "priceSource", "vatClass", "vatRate", "lineTotal")
      ),
      h AS (
        INSERT INTO "order_status_change" ("id", "orderId", "fromStatus", "toStatus", "actorKind", "actorUserId",
          "actorServiceAccountId", "reason", "metadata")
        SELECT ${historyId}::uuid, o."id", ${firstChange.fromStatus}::"OrderStatus", ${firstChange.toStatus}::"OrderStatus",
          ${firstChange.actorKind}, ${firstChange.actorUserId}::uuid, ${firstChange.actorServiceAccountId}::uuid,
          ${firstChange.reason ?? null}, ${JSON.stringify(metadata)}::jsonb
        FROM o
        RETURNING "createdAt"
      )
      SELECT o."number", o."createdAt", o."updatedAt", h."createdAt" AS "historyCreatedAt" FROM o, h`;
    if (!created) throw new Error('The order insert returned no row.');
    const history: OrderHistoryRecord = {
      id: historyId,
      fromStatus: firstChange.fromStatus,
      toStatus: firstChange.toStatus,
      actorKind: firstChange.actorKind,
      actorUserId: firstChange.actorUserId,
      actorServiceAccountId: firstChange.actorServiceAccountId,
      reason: firstChange.reason ?? null,
      metadata: metadata as Prisma.JsonValue,
      createdAt: created.historyCreatedAt,
    };
    const decimal = (value: string) => new Prisma.Decimal(value);
    return {
      id: orderId,
      number: created.number,
      restaurantId: order.restaurantId,
      supplierId: order.supplierId,
      cartId: order.cartId,
      standingOrderId: order.standingOrderId,
      source: order.source,
      status: 'submitted',
      customerNumber: order.customerNumber,
      requestedDeliveryDate: order.requestedDeliveryDate,
      cutoffAt: order.cutoffAt,
      deliveryAddressId: order.deliveryAddressId,
      deliveryAddressSnapshot: order.deliveryAddressSnapshot as Prisma.JsonValue,
      note: order.note,
      currency: order.currency,
      subtotal: decimal(order.subtotal),
      vatTotal: decimal(order.vatTotal),
      total: decimal(order.total),
      vatBreakdown: order.vatBreakdown as Prisma.JsonValue,
      placedByUserId: order.placedByUserId,
      placedByServiceAccountId: order.placedByServiceAccountId,
      submittedAt: order.submittedAt,
      confirmedAt: null,
      deliveredAt: null,
      invoicedAt: null,
      closedAt: null,
      cancelledAt: null,
      cancelReason: null,
      version: 1,
      createdAt: created.createdAt,
      updatedAt: created.updatedAt,
      restaurantName,
      supplierName,
      lineCount: lineRows.length,
      lines: lineRows.map((line) => ({
        id: line.id,
        lineNo: line.lineNo,
        productId: line.productId,
        sku: line.sku,
        gtin: line.gtin,
        name: line.name,
        unit: line.unit,
        packSize: line.packSize,
        quantity: decimal(line.quantity),
        confirmedQuantity: null,
        change: 'none',
        proposedQuantity: null,
        substituteProductId: null,
        substitute: null,
        changeReason: null,
        receivedQuantity: null,
        discrepancyReason: null,
        discrepancyNote: null,
        unitPrice: decimal(line.unitPrice),
        priceSource: line.priceSource,
        vatClass: line.vatClass,
        vatRate: decimal(line.vatRate),
        lineTotal: decimal(line.lineTotal),
      })),
      history: [history],
    };
  }

  /**
   * Outside a transaction one Prisma read (its relation reads run in parallel on the pool). Inside one,
   * the same record from four reads one after the other: Prisma fetches the relations of a nested select
   * concurrently, which on a transaction's single connection queues queries behind each other (pg warns
   * and will refuse it in pg 9; prisma/orm#29468).
   */
  async findById(orderId: string, tx: DbOrTx = this.#db): Promise<OrderRecord | null> {
    if (tx === this.#db) {
      const row = await tx.order.findFirst({ where: { id: orderId }, select: ORDER_DETAIL_SELECT });
      return row ? toRecord(row) : null;
    }
    const {
      restaurant: _restaurant,
      supplier: _supplier,
      _count: _lineCount,
      ...scalars
    } = ORDER_SUMMARY_SELECT;
    const order = await tx.order.findFirst({ where: { id: orderId }, select: scalars });
    if (!order) return null;
    const [names] = await tx.$queryRaw<{ restaurantName: string; supplierName: string; lineCount: number }[]>`
      SELECT ro."name" AS "restaurantName", so."name" AS "supplierName",
        (SELECT count(*)::int FROM "order_line" l WHERE l."orderId" = ${orderId}::uuid) AS "lineCount"
      FROM "organization" ro, "organization" so
      WHERE ro."id" = ${order.restaurantId}::uuid AND so."id" = ${order.supplierId}::uuid`;
    const lines = await tx.orderLine.findMany({
      where: { orderId, deletedAt: null },
      orderBy: { lineNo: 'asc' },
      select: LINE_SELECT,
    });
    const history = await tx.orderStatusChange.findMany({
      where: { orderId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: HISTORY_SELECT,
    });
    return {
      ...order,
      restaurantName: names?.restaurantName ?? '',
      supplierName: names?.supplierName ?? '',
      lineCount: names?.lineCount ?? lines.length,
      lines,
      history,
    };
  }

  /** Which organizations an order belongs to (for authorization), without loading it. */
  findParties(
    orderId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string; restaurantId: string; supplierId: string } | null> {
    return tx.order.findFirst({
      where: { id: orderId },
      select: { id: true, restaurantId: true, supplierId: true },
    });
  }

  /** Locks the order row until the transaction ends: concurrent transitions of one order serialize. */
  async lock(orderId: string, tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "order" WHERE "id" = ${orderId}::uuid AND "deletedAt" IS NULL FOR UPDATE`;
    return rows.length === 1;
  }

  /**
   * Writes a transition: the order's new fields with the version bumped (only if the status and version
   * are still the ones read: a count of 0 means someone else changed it), and its history row.
   */
  async transition(
    orderId: string,
    expected: { status: OrderStatus; version: number },
    data: Omit<Prisma.OrderUpdateManyMutationInput, 'version' | 'status'> & { status: OrderStatus },
    change: StatusChangeData,
    tx: Tx,
  ): Promise<number> {
    const result = await tx.order.updateMany({
      where: { id: orderId, status: expected.status, version: expected.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (result.count === 0) return 0;
    await tx.orderStatusChange.create({
      data: { orderId, ...change, metadata: change.metadata ?? {} },
      select: { id: true },
    });
    return result.count;
  }

  /** Confirmed as ordered: every line's confirmed quantity is its quantity. */
  async confirmAllLines(orderId: string, tx: Tx): Promise<void> {
    await tx.$executeRaw`
      UPDATE "order_line" SET "confirmedQuantity" = "quantity", "updatedAt" = now()
      WHERE "orderId" = ${orderId}::uuid AND "deletedAt" IS NULL`;
  }

  async updateLine(lineId: string, data: Prisma.OrderLineUpdateManyMutationInput, tx: Tx): Promise<void> {
    await tx.orderLine.updateMany({ where: { id: lineId }, data });
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  async listNewestFirst(
    filter: OrderListFilter,
    page: NewestFirstPage,
    tx: DbOrTx = this.#db,
  ): Promise<OrderSummaryRecord[]> {
    const rows = await tx.order.findMany({
      where: { AND: [whereOf(filter), createdBefore(page.after)] },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: ORDER_SUMMARY_SELECT,
    });
    return rows.map(toSummary);
  }

  /** By requested delivery date, then number (the order desk's working order); `limit + 1` rows. */
  async listByDeliveryDate(
    filter: OrderListFilter,
    page: { limit: number; after?: { date: Date; number: number } | undefined },
    tx: DbOrTx = this.#db,
  ): Promise<OrderSummaryRecord[]> {
    const after = page.after;
    const rows = await tx.order.findMany({
      where: {
        AND: [
          whereOf(filter),
          after
            ? {
                OR: [
                  { requestedDeliveryDate: { gt: after.date } },
                  { requestedDeliveryDate: after.date, number: { gt: after.number } },
                ],
              }
            : {},
        ],
      },
      orderBy: [{ requestedDeliveryDate: 'asc' }, { number: 'asc' }],
      take: page.limit + 1,
      select: ORDER_SUMMARY_SELECT,
    });
    return rows.map(toSummary);
  }
}

function whereOf(filter: OrderListFilter): Prisma.OrderWhereInput {
  return {
    ...(filter.restaurantId ? { restaurantId: filter.restaurantId } : {}),
    ...(filter.supplierId ? { supplierId: filter.supplierId } : {}),
    ...(filter.statuses && filter.statuses.length > 0 ? { status: { in: [...filter.statuses] } } : {}),
    ...(filter.deliveryFrom || filter.deliveryTo
      ? {
          requestedDeliveryDate: {
            ...(filter.deliveryFrom ? { gte: filter.deliveryFrom } : {}),
            ...(filter.deliveryTo ? { lte: filter.deliveryTo } : {}),
          },
        }
      : {}),
  };
}
